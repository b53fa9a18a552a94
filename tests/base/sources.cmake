# Test sources for base (paths relative to tests/).
