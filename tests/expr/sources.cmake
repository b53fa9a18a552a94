# Test sources for expr (paths relative to tests/).
