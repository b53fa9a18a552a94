# Sources of engine/pack (paths relative to engine/).
