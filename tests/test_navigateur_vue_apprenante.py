"""The learner's view without an exchange, in a real browser (Chromium, 1440 × 900).

The server is started with the Jupyter config folder that `make lab` writes
(`obm.installation.ecrire_vue_apprenante`) for a machine with no nbgrader exchange: the learner's
interface must show none of the assignment list's errors (« Error fetching courses! » and its
red blocks about the missing exchange). As a learner would, the test tries to open the assignment
list through JupyterLab's own command; without an exchange it must not exist. Screenshot:
artefacts/navigateur/vue_apprenante_sans_echange.png.
"""

import navigateur_outils as no
from test_navigateur import DELAI, navigateur  # noqa: F401  (navigateur is a fixture)

COMMANDES_DE_LA_LISTE = ("nbgrader:open-assignment-list", "nbgrader:open-course-list",
                         "nbgrader:open-formgrader")


def _vue_apprenante_sans_echange(serveur):
    from obm.installation import ecrire_vue_apprenante

    ecrire_vue_apprenante(serveur.dossier / "config", echange=serveur.dossier / "pas_d_echange")


serveur = no.fixture_serveur("vue_apprenante", _vue_apprenante_sans_echange)


page = no.fixture_page("vue_apprenante", DELAI)


def test_vue_apprenante_sans_echange_sans_erreur_de_devoirs(page, serveur):
    """With the learner's view and no exchange, does JupyterLab open with no assignment list to
    open (its commands absent), no « Error fetching courses! », no red error block, and no
    « Nbgrader » menu?"""
    from playwright.sync_api import expect

    page.goto(serveur.adresse("/lab/tree/accueil.ipynb"))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands"
                           " && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text("accueil.ipynb")
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
    ouvertes = []
    for commande in COMMANDES_DE_LA_LISTE:
        # As a learner would (menu, palette): run it if it exists; it must not.
        if page.evaluate("c => window.jupyterapp.commands.hasCommand(c)", commande):
            ouvertes.append(commande)
            page.evaluate("c => window.jupyterapp.commands.execute(c)", commande)
    if ouvertes:  # let the list ask the server, as it would for her
        page.wait_for_timeout(3000)
    corps = page.locator("body")
    expect(corps).not_to_contain_text("Error fetching courses")
    expect(corps).not_to_contain_text("exchange")
    expect(page.locator(".alert-danger:visible")).to_have_count(0)
    expect(page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")).to_have_count(0)
    assert ouvertes == [], f"commandes de la liste des devoirs encore là : {ouvertes}"
    no.capture(page, "vue_apprenante_sans_echange")
