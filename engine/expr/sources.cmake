# Sources of engine/expr (paths relative to engine/).
