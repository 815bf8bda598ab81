"""Display layer shared by `show` and the app: sanitising, bidi, Rich renderables."""
