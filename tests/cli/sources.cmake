# Test sources for cli (paths relative to tests/).
