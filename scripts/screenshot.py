"""Write docs/app.svg: the app on the English sample, for the README. `python scripts/screenshot.py`"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itu_review.tui.app import ReviewApp  # noqa: E402


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = ReviewApp([str(ROOT / "samples" / "en-proposals.docx")], f"{tmp}/d.jsonl", "amina")
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("a", "r", "n")
            await pilot.pause()
            app.save_screenshot(str(ROOT / "docs" / "app.svg"))


asyncio.run(main())
