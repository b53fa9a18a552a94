# Test sources for compile (paths relative to tests/).
