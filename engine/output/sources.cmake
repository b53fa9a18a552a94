# Sources of engine/output (paths relative to engine/).
