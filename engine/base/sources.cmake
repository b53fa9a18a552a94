# Sources of engine/base (paths relative to engine/).
