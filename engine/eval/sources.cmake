# Sources of engine/eval (paths relative to engine/).
