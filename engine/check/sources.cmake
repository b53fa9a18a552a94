# Sources of engine/check (paths relative to engine/).
