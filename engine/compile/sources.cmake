# Sources of engine/compile (paths relative to engine/).
