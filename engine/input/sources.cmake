# Sources of engine/input (paths relative to engine/).
