"""Do obm's charts (matplotlib Figures built without pyplot) show as images in a notebook?"""

import os
import subprocess
import sys


def test_figure_affichee_en_png_dans_ipython():
    """In a fresh IPython shell (inline backend never loaded), does a Figure display as a PNG once
    obm is imported, instead of the text "<Figure size …>"?"""
    code = """
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
from matplotlib.figure import Figure
figure = Figure()
figure.add_subplot().plot([1, 2])
avant, _ = shell.display_formatter.format(figure)
assert "image/png" not in avant, sorted(avant)
import obm
apres, _ = shell.display_formatter.format(figure)
assert apres["image/png"][:8] == b"\\x89PNG\\r\\n\\x1a\\n", sorted(apres)
assert "matplotlib.pyplot" not in sys.modules
"""
    resultat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "MPLBACKEND": "agg"})
    assert resultat.returncode == 0, resultat.stderr
