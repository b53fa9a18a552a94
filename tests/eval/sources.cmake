# Test sources for eval (paths relative to tests/).
