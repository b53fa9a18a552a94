# Test sources for check (paths relative to tests/).
