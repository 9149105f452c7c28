"""Generated from templates/report.html.j2 by `python -m partneradvisor.render.html`."""

# fmt: off
KEY = 'bc570406db8a389a3f8da69206d957c17aaa3d972087a62469f26d82e5b16423'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_c = resolve('c')
    l_0_label_w = resolve('label_w')
    l_0_bar_w = resolve('bar_w')
    l_0_top = resolve('top')
    l_0_row = resolve('row')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'lang')))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title')))
    yield '</title>\n<style>\n  :root { --ink: #1f2933; --muted: #616e7c; --accent: #0b7285; --soft: #e3f2f5; --warn: #a61b1b;\n          --line: #d9e2ec; }\n  * { box-sizing: border-box; }\n  body { font: 15px/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);\n         max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }\n  header { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }\n  h1 { font-size: 1.6rem; margin: 0 0 .2rem; }\n  h2 { font-size: 1.2rem; color: var(--accent); margin: 1.4rem 0 .4rem; }\n  h3 { font-size: .95rem; margin: .7rem 0 .2rem; }\n  p, ul, ol { margin: .3rem 0; }\n  ul, ol { padding-left: 1.3rem; }\n  .meta { color: var(--muted); margin: 0 0 .6rem; }\n  .advice { background: var(--soft); border-left: 5px solid var(--accent); padding: .7rem 1rem;\n            border-radius: 4px; }\n  .advice .lead { font-size: 1.1rem; font-weight: 600; margin: 0 0 .3rem; }\n  .advice h3 { margin-top: .5rem; }\n  table { border-collapse: collapse; width: 100%; margin: .4rem 0; }\n  th, td { text-align: left; padding: .2rem .45rem; border-bottom: 1px solid var(--line);\n           vertical-align: top; }\n  th { background: var(--soft); }\n  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n  .chart { width: 100%; height: auto; }\n  .chart text { font-size: 11px; fill: var(--ink); }\n  .chart .axis { stroke: var(--muted); stroke-width: .5; }\n  .chart .grid { stroke: var(--line); stroke-width: .5; }\n  .legend { display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .85em; margin: .2rem 0; }\n  .legend span::before { content: ""; display: inline-block; width: .8em; height: .8em;\n                         margin-right: .3em; background: var(--swatch); vertical-align: -1px; }\n  figcaption { color: var(--muted); font-size: .85em; }\n  .form { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 4px;\n          padding: .5rem .9rem; margin: .7rem 0; }\n  .form.stretch { border-left-color: #9fb3c8; }\n  .form h3.name { font-size: 1.05rem; color: var(--accent); margin: 0 0 .2rem; }\n  .summary { font-style: italic; color: var(--muted); }\n  .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }\n  .strength { font-variant-numeric: tabular-nums; font-weight: 600; color: var(--accent); }\n  .minus { color: var(--warn); }\n  .cautions { list-style-type: "⚠ "; }\n  .quiet, .needs { color: var(--muted); font-size: .9em; }\n  .appendix table { font-size: .88em; }\n  .appendix td { padding: .1rem .4rem; }\n  .appendix ul { font-size: .88em; }\n  footer { margin-top: 1rem; color: var(--muted); border-top: 1px solid var(--line); }\n  footer h2 { font-size: 1em; margin: .8rem 0 .2rem; }\n  @page { size: A4; margin: 15mm 14mm 16mm;\n          @bottom-right { content: "'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'page')))
    yield ' " counter(page) " / " counter(pages);\n                          font: 8pt Arial, sans-serif; color: #616e7c; } }\n  @media print {\n    body { margin: 0; max-width: none; font-size: 8.8pt; line-height: 1.35; }\n    h1 { font-size: 16pt; }\n    h2 { font-size: 11.5pt; margin: .8rem 0 .3rem; }\n    .form { padding: .35rem .8rem; margin: .45rem 0; }\n    h2 { break-after: avoid; }\n    .advice, table, .form, figure, li { break-inside: avoid; }\n    a { color: inherit; text-decoration: none; }\n  }\n</style>\n</head>\n<body>\n<header>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title')))
    yield '</h1>\n  <p class="meta">'
    yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'date')))
    yield ' · '
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'kb_version', version=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'kb_version'))))
    yield '</p>\n</header>\n\n<section class="advice">\n  <h2 style="margin-top:0">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'our_advice')))
    yield '</h2>\n'
    l_1_loop = missing
    for l_1_line, l_1_loop in LoopContext(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'headline'), undefined):
        _loop_vars = {}
        pass
        yield '<p class="'
        yield escape(environment.finalize(('lead' if environment.getattr(l_1_loop, 'first') else '')))
        yield '">'
        yield escape(environment.finalize(l_1_line))
        yield '</p>'
    l_1_loop = l_1_line = missing
    if (not environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'headline')):
        pass
        yield '<p class="lead">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'none_ranked')))
        yield '</p>'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'reasons'):
        pass
        yield '  <h3>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'why_first')))
        yield '</h3>\n  <ul>'
        for l_1_r in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'reasons'):
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.finalize(environment.getattr(l_1_r, 'benefit')))
            yield '</strong>: '
            yield escape(environment.finalize(environment.getattr(l_1_r, 'why')))
            yield '</li>'
        l_1_r = missing
        yield '</ul>\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'first_step'):
        pass
        yield '  <h3>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'first_step')))
        yield '</h3>\n  <p>'
        yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'first_step')))
        yield '</p>\n'
    if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'robustness') or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'combination')):
        pass
        yield '  <h3>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'what_changes')))
        yield '</h3>\n'
        if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'robustness'):
            pass
            yield '<p>'
            yield escape(environment.finalize(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'robustness')))
            yield '</p>'
        if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'combination'):
            pass
            yield '<p>'
            yield escape(environment.finalize(environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'combination'), 0)))
            yield '</p>\n'
            if (t_3(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'combination')) > 1):
                pass
                yield '<ul class="quiet">'
                for l_1_line in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'combination')[1:]:
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    yield escape(environment.finalize(l_1_line))
                    yield '</li>'
                l_1_line = missing
                yield '</ul>'
    yield '</section>\n\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ranking'):
        pass
        yield '<section>\n  <h2>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'ranking')))
        yield '</h2>\n'
        l_0_label_w = 300
        context.vars['label_w'] = l_0_label_w
        context.exported_vars.add('label_w')
        l_0_bar_w = 340
        context.vars['bar_w'] = l_0_bar_w
        context.exported_vars.add('bar_w')
        l_0_top = 16
        context.vars['top'] = l_0_top
        context.exported_vars.add('top')
        yield '  <figure style="margin:0">\n  <svg class="chart" viewBox="0 0 720 '
        yield escape(environment.finalize((((t_3(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ranking')) * (undefined(name='row') if l_0_row is missing else l_0_row)) + (undefined(name='top') if l_0_top is missing else l_0_top)) + 6)))
        yield '" role="img"\n       font-size="11" font-family="Arial, Helvetica, sans-serif" fill="#1f2933"\n       aria-label="'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'chart_caption')))
        yield '" xmlns="http://www.w3.org/2000/svg">\n'
        for l_1_tick in [0, 25, 50, 75, 100]:
            l_1_x = missing
            _loop_vars = {}
            pass
            l_1_x = ((undefined(name='label_w') if l_0_label_w is missing else l_0_label_w) + (((undefined(name='bar_w') if l_0_bar_w is missing else l_0_bar_w) * l_1_tick) / 100))
            _loop_vars['x'] = l_1_x
            yield '    <line class="grid" x1="'
            yield escape(environment.finalize((undefined(name='x') if l_1_x is missing else l_1_x)))
            yield '" y1="'
            yield escape(environment.finalize(((undefined(name='top') if l_0_top is missing else l_0_top) - 2)))
            yield '" x2="'
            yield escape(environment.finalize((undefined(name='x') if l_1_x is missing else l_1_x)))
            yield '" y2="'
            yield escape(environment.finalize(((t_3(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ranking')) * (undefined(name='row') if l_0_row is missing else l_0_row)) + (undefined(name='top') if l_0_top is missing else l_0_top))))
            yield '"></line>\n    <text x="'
            yield escape(environment.finalize((undefined(name='x') if l_1_x is missing else l_1_x)))
            yield '" y="10" text-anchor="middle">'
            yield escape(environment.finalize(l_1_tick))
            yield '%</text>\n'
        l_1_tick = l_1_x = missing
        l_1_loop = missing
        for l_1_r, l_1_loop in LoopContext(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ranking'), undefined):
            l_1_namespace = resolve('namespace')
            l_1_y = l_1_ns = missing
            _loop_vars = {}
            pass
            l_1_y = ((environment.getattr(l_1_loop, 'index0') * (undefined(name='row') if l_0_row is missing else l_0_row)) + (undefined(name='top') if l_0_top is missing else l_0_top))
            _loop_vars['y'] = l_1_y
            yield '    <text x="0" y="'
            yield escape(environment.finalize(((undefined(name='y') if l_1_y is missing else l_1_y) + 14)))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_r, 'rank')))
            yield '. '
            yield escape(environment.finalize(environment.getattr(l_1_r, 'name')))
            yield '</text>\n'
            l_1_ns = context.call((undefined(name='namespace') if l_1_namespace is missing else l_1_namespace), x=(undefined(name='label_w') if l_0_label_w is missing else l_0_label_w), _loop_vars=_loop_vars)
            _loop_vars['ns'] = l_1_ns
            for l_2_p in environment.getattr(l_1_r, 'parts'):
                l_2_palette = resolve('palette')
                l_2_w = missing
                _loop_vars = {}
                pass
                l_2_w = (((undefined(name='bar_w') if l_0_bar_w is missing else l_0_bar_w) * environment.getattr(l_2_p, 'points')) / 100)
                _loop_vars['w'] = l_2_w
                yield '    <rect x="'
                yield escape(environment.finalize(t_1('%.1f', environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'x'))))
                yield '" y="'
                yield escape(environment.finalize(((undefined(name='y') if l_1_y is missing else l_1_y) + 3)))
                yield '" width="'
                yield escape(environment.finalize(t_1('%.1f', (undefined(name='w') if l_2_w is missing else l_2_w))))
                yield '" height="'
                yield escape(environment.finalize(((undefined(name='row') if l_0_row is missing else l_0_row) - 8)))
                yield '"\n          fill="'
                yield escape(environment.finalize(environment.getitem((undefined(name='palette') if l_2_palette is missing else l_2_palette), (environment.getattr(l_2_p, 'goal') % t_3((undefined(name='palette') if l_2_palette is missing else l_2_palette))))))
                yield '" fill-opacity="'
                yield escape(environment.finalize(('0.45' if environment.getattr(l_1_r, 'stretch') else '1')))
                yield '"></rect>\n'
                if not isinstance(l_1_ns, Namespace):
                    raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                l_1_ns['x'] = (environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'x') + (undefined(name='w') if l_2_w is missing else l_2_w))
            l_2_p = l_2_w = l_2_palette = missing
            yield '    <text x="'
            yield escape(environment.finalize(t_1('%.1f', (environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'x') + 5))))
            yield '" y="'
            yield escape(environment.finalize(((undefined(name='y') if l_1_y is missing else l_1_y) + 14)))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_r, 'fit')))
            if environment.getattr(l_1_r, 'mark'):
                pass
                yield ' ('
                yield escape(environment.finalize(environment.getattr(l_1_r, 'mark')))
                yield ')'
            yield '</text>\n'
        l_1_loop = l_1_r = l_1_y = l_1_namespace = l_1_ns = missing
        yield '    <line class="axis" x1="'
        yield escape(environment.finalize((undefined(name='label_w') if l_0_label_w is missing else l_0_label_w)))
        yield '" y1="'
        yield escape(environment.finalize(((undefined(name='top') if l_0_top is missing else l_0_top) - 2)))
        yield '" x2="'
        yield escape(environment.finalize((undefined(name='label_w') if l_0_label_w is missing else l_0_label_w)))
        yield '" y2="'
        yield escape(environment.finalize(((t_3(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ranking')) * (undefined(name='row') if l_0_row is missing else l_0_row)) + (undefined(name='top') if l_0_top is missing else l_0_top))))
        yield '"></line>\n  </svg>\n  <div class="legend">'
        for l_1_g in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'legend'):
            l_1_palette = resolve('palette')
            _loop_vars = {}
            pass
            yield '<span style="--swatch: '
            yield escape(environment.finalize(environment.getitem((undefined(name='palette') if l_1_palette is missing else l_1_palette), (environment.getattr(l_1_g, 'index') % t_3((undefined(name='palette') if l_1_palette is missing else l_1_palette))))))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_g, 'name')))
            yield '</span>'
        l_1_g = l_1_palette = missing
        yield '</div>\n  <figcaption>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'chart_caption')))
        yield '</figcaption>\n  </figure>\n</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'details'):
        pass
        yield '<section>\n  <h2>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'details')))
        yield '</h2>\n'
        for l_1_d in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'details'):
            _loop_vars = {}
            pass
            yield '  <article class="form'
            yield escape(environment.finalize((' stretch' if environment.getattr(l_1_d, 'stretch') else '')))
            yield '">\n    <h3 class="name">'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'rank')))
            yield '. '
            yield escape(environment.finalize(environment.getattr(l_1_d, 'name')))
            if environment.getattr(l_1_d, 'stretch'):
                pass
                yield ' ('
                yield escape(environment.finalize(environment.getattr(l_1_d, 'stretch')))
                yield ')'
            yield ' · '
            yield escape(environment.finalize(environment.getattr(l_1_d, 'fit')))
            yield '</h3>\n    <p class="summary">'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'summary')))
            yield '</p>\n    <div class="cols">\n      <div>\n        <h3>'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'why', _loop_vars=_loop_vars)))
            yield '</h3>\n        <ul>'
            for l_2_x in environment.getattr(l_1_d, 'reasons'):
                l_2_strength_max = resolve('strength_max')
                _loop_vars = {}
                pass
                yield '<li><span class="strength">'
                yield escape(environment.finalize(environment.getattr(l_2_x, 'strength')))
                yield '/'
                yield escape(environment.finalize((undefined(name='strength_max') if l_2_strength_max is missing else l_2_strength_max)))
                yield '</span> '
                yield escape(environment.finalize(environment.getattr(l_2_x, 'benefit')))
                yield ': '
                yield escape(environment.finalize(environment.getattr(l_2_x, 'why')))
                yield '</li>'
            l_2_x = l_2_strength_max = missing
            yield '</ul>\n'
            if environment.getattr(l_1_d, 'changes'):
                pass
                yield '<h3>'
                yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'changes', _loop_vars=_loop_vars)))
                yield '</h3>\n        <ul>'
                for l_2_x in environment.getattr(l_1_d, 'changes'):
                    _loop_vars = {}
                    pass
                    yield '<li class="minus">'
                    yield escape(environment.finalize(l_2_x))
                    yield '</li>'
                l_2_x = missing
                yield '</ul>'
            if environment.getattr(l_1_d, 'obstacles'):
                pass
                yield '<h3>'
                yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'obstacles', _loop_vars=_loop_vars)))
                yield '</h3>\n        <ul>'
                for l_2_x in environment.getattr(l_1_d, 'obstacles'):
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    yield escape(environment.finalize(l_2_x))
                    yield '</li>'
                l_2_x = missing
                yield '</ul>'
            yield '        <h3>'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'cautions', _loop_vars=_loop_vars)))
            yield '</h3>\n        <ul class="cautions">'
            for l_2_x in environment.getattr(l_1_d, 'cautions'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_2_x))
                yield '</li>'
            l_2_x = missing
            yield '</ul>\n      </div>\n      <div>\n        <h3>'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'first_steps', _loop_vars=_loop_vars)))
            yield '</h3>\n        <ol>'
            for l_2_s in environment.getattr(l_1_d, 'first_steps'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_2_s))
                yield '</li>'
            l_2_s = missing
            yield '</ol>\n'
            if environment.getattr(l_1_d, 'example'):
                pass
                yield '<p><strong>'
                yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'example', _loop_vars=_loop_vars)))
                yield ':</strong> '
                yield escape(environment.finalize(environment.getattr(l_1_d, 'example')))
                yield '</p>'
            yield '        <p class="needs">'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'needs')))
            yield '</p>\n      </div>\n    </div>\n  </article>\n'
        l_1_d = missing
        yield '</section>\n'
    yield '\n<footer class="appendix">\n  <h2>'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'appendix')))
    yield ': '
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'answers')))
    yield '</h2>\n  <table>\n    <tbody>\n'
    for l_1_g in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'goals'):
        _loop_vars = {}
        pass
        yield '      <tr><td>'
        yield escape(environment.finalize(environment.getattr(l_1_g, 'name')))
        yield '</td><td class="num">'
        yield escape(environment.finalize(environment.getattr(l_1_g, 'importance')))
        yield ' – '
        yield escape(environment.finalize(environment.getattr(l_1_g, 'label')))
        yield '</td></tr>\n'
    l_1_g = missing
    for l_1_item in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'constraints'):
        _loop_vars = {}
        pass
        yield '      <tr><td>'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'question')))
        yield '</td><td>'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'answer')))
        yield '</td></tr>\n'
    l_1_item = missing
    yield '    </tbody>\n  </table>\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'excluded'):
        pass
        yield '  <h2>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'excluded')))
        yield '</h2>\n  <ul>'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'excluded'):
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.finalize(environment.getattr(l_1_e, 'name')))
            yield '</strong>: '
            yield escape(environment.finalize(environment.getattr(l_1_e, 'reason')))
            yield '</li>'
        l_1_e = missing
        yield '</ul>\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'not_serving'):
        pass
        yield '  <h2>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'not_serving')))
        yield '</h2>\n  <p>'
        yield escape(environment.finalize(t_2(context.eval_ctx, environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'not_serving'), ', ')))
        yield '</p>\n'
    yield '  <h2>'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ui'), 'sources')))
    yield '</h2>\n  <ul>'
    for l_1_s in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'sources'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(environment.finalize(l_1_s))
        yield '</li>'
    l_1_s = missing
    yield '</ul>\n</footer>\n</body>\n</html>'

blocks = {}
debug_info = '2=35&6=37&53=39&68=41&69=43&73=47&74=50&75=59&76=64&77=67&78=69&80=79&81=82&82=84&84=86&85=89&86=91&87=96&88=101&92=113&94=116&95=118&97=128&99=130&100=132&101=136&102=139&103=147&105=153&106=158&107=161&108=167&109=169&110=174&111=177&112=185&113=191&115=194&117=207&119=215&120=226&125=229&127=232&128=234&129=238&130=240&131=251&134=253&135=255&136=270&137=275&138=283&139=288&140=297&141=299&144=307&145=309&146=317&147=325&156=330&159=334&160=338&162=345&163=349&167=355&168=358&169=360&171=370&172=373&173=375&175=378&176=380'
