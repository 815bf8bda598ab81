"""Build step for the colour themes: their source is ``themes/*.toml`` at the top of the repository;
a wheel carries them inside the package as ``itu_review/themes/``, where ``importlib.resources`` finds
them (setuptools' package data only takes files from inside a package folder). An editable install
reads ``themes/`` in the repository itself. Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

THEMES = Path(__file__).resolve().parent / "themes"


class BuildPyWithThemes(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "itu_review" / "themes"
        self.mkpath(str(target))
        for theme in sorted(THEMES.glob("*.toml")):
            self.copy_file(str(theme), str(target / theme.name))


setup(cmdclass={"build_py": BuildPyWithThemes})
