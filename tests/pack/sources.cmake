# Test sources for pack (paths relative to tests/).
