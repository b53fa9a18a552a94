# Test sources for output (paths relative to tests/).
