"""Report writers: each returns the report as text; the CLI writes it."""
