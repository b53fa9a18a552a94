# Test sources for input (paths relative to tests/).
