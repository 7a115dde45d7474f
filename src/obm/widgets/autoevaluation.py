"""Le formulaire d'autoévaluation du module 00 : curseurs, radar, historique, livrable."""

from __future__ import annotations

import functools
import html

from obm import autoevaluation
from obm.livrables import chemin_livrable
from obm.syllabus import charger
from obm.widgets._commun import _png

# Fixed widths, so that every slider track starts at the same place whatever the length of its
# competence's name (the name wraps in its own column instead of pushing the track), and so that
# the right column (radar, button, message) never grows over the sliders: the message wraps
# inside its column, and the two columns go one under the other on a narrow screen.
LARGEUR_INTITULE = "290px"
LARGEUR_CURSEUR = "250px"
LARGEUR_CODE = "3.2em"
LARGEUR_RADAR = "420px"


@functools.cache
def _image_avec_titre():
    """An ipywidgets Image whose ``tooltip`` becomes the image's title (its accessible name).

    ipywidgets 8.1 sets the title only when the widget's ``description`` is empty, and Image has
    no ``description`` at all: its view then fails to render. An empty synced ``description``
    lets the view set the title.
    """
    import ipywidgets as w
    from traitlets import Unicode

    class ImageAvecTitre(w.Image):
        description = Unicode("").tag(sync=True)

    return ImageAvecTitre


class Autoevaluation:
    """Le formulaire d'autoévaluation : 18 curseurs de 1 à 5, le radar, un bouton Enregistrer.

    Les curseurs reprennent ta dernière autoévaluation s'il y en a une. Le radar se redessine
    quand tu bouges un curseur ; « Enregistrer » garde la version du jour dans ton historique et
    écrit ton radar dans ``livrables/00_radar_competences.png``. Au clavier : Tab va d'un curseur
    au suivant, les flèches changent la note.

    Avec ``fin_de_parcours=True`` (module 21) : ton autoévaluation de départ est en pointillés
    et le radar est écrit dans ``livrables/21_radar_competences_fin.png`` (celui du module 00
    n'est pas touché).
    """

    def __init__(self, *, fin_de_parcours: bool = False):
        import ipywidgets as w

        self.syllabus = charger()
        self.fin_de_parcours = fin_de_parcours
        self.precedente = autoevaluation.derniere()
        # What the dashed line shows: the last one (module 00) or the very first (module 21).
        self.reference = autoevaluation.premiere() if fin_de_parcours else self.precedente
        depart = self.precedente["notes"] if self.precedente else {}
        self.curseurs = {}
        lignes_par_famille: dict[str, list] = {}
        for code, competence in self.syllabus.competences.items():
            curseur = w.IntSlider(
                value=depart.get(code, 1), min=1, max=5, step=1, description=code,
                style={"description_width": LARGEUR_CODE},
                layout=w.Layout(width=LARGEUR_CURSEUR, flex="0 0 auto"),
                continuous_update=False,
            )
            self.curseurs[code] = curseur
            intitule = w.HTML(
                f'<span style="line-height:1.2">{html.escape(competence.intitule)}</span>',
                layout=w.Layout(width=LARGEUR_INTITULE, flex="0 0 auto"))
            lignes_par_famille.setdefault(competence.famille, []).append(
                w.HBox([intitule, curseur], layout=w.Layout(align_items="center")))
        colonne_curseurs = w.VBox(
            [w.VBox([w.HTML(f"<b>{html.escape(famille)}</b>"), *lignes])
             for famille, lignes in lignes_par_famille.items()],
            layout=w.Layout(flex="0 0 auto", margin="0 24px 0 0"))

        self.image = _image_avec_titre()(format="png", layout=w.Layout(width=LARGEUR_RADAR))
        self.legende = w.HTML(layout=w.Layout(width=LARGEUR_RADAR))
        self.bouton = w.Button(description="Enregistrer", icon="save", button_style="primary",
                               tooltip="Garder cette autoévaluation dans ton historique")
        self.message = w.HTML(layout=w.Layout(width=LARGEUR_RADAR))
        self.message.add_class("obm-autoevaluation-message")
        colonne_radar = w.VBox([self.image, self.legende, self.bouton, self.message],
                               layout=w.Layout(flex="0 0 auto", width=LARGEUR_RADAR))

        echelle = " · ".join(f"{n} = {t}" for n, t in autoevaluation.ECHELLE.items())
        self.vue = w.VBox([
            w.HTML(f"<i>Échelle : {echelle}</i>"),
            w.HBox([colonne_curseurs, colonne_radar],
                   layout=w.Layout(flex_flow="row wrap", align_items="flex-start")),
        ])
        for curseur in self.curseurs.values():
            curseur.observe(self._redessiner, names="value")
        self.bouton.on_click(self._enregistrer)
        self._redessiner()
        self._exporter()

    @property
    def notes(self) -> dict[str, int]:
        """Les notes actuellement choisies sur les curseurs."""
        return {code: curseur.value for code, curseur in self.curseurs.items()}

    def _redessiner(self, _changement=None):
        precedente = self.reference["notes"] if self.reference else None
        if self.fin_de_parcours:
            figure = autoevaluation.radar(self.notes, precedente=precedente, syllabus=self.syllabus,
                                          titre="Mon radar de fin de parcours",
                                          nom_precedente="début du parcours")
        else:
            figure = autoevaluation.radar(self.notes, precedente=precedente, syllabus=self.syllabus)
        self.image.value = _png(figure)
        alternatif = autoevaluation.description(self.notes, self.syllabus)
        # The image's title is its accessible name for a screen reader; the same text is shown.
        self.image.tooltip = alternatif
        self.legende.value = f'<div style="font-size:90%;line-height:1.35;color:#333">{html.escape(alternatif)}</div>'

    def _exporter(self) -> None:
        """Writes the radar that the form shows into livrables/ (the saved one if there is one)."""
        if self.fin_de_parcours:
            # Saved at least twice: the last one is the end. Otherwise nothing is written yet: the
            # sliders only repeat the start (or are all at 1), and the portfolio would show that as
            # her end-of-course radar. « Enregistrer » writes it.
            self.chemin_radar = chemin_livrable(autoevaluation.NOM_LIVRABLE_FIN)
            if len(autoevaluation.historique()) >= 2:
                self.chemin_radar = autoevaluation.exporter_radar_fin(syllabus=self.syllabus)
            else:
                self.message.value = (
                    '<div style="overflow-wrap:anywhere;line-height:1.4">Ton radar de fin sera '
                    f"écrit dans <code>livrables/{html.escape(self.chemin_radar.name)}</code> quand "
                    "tu cliqueras sur « Enregistrer ».</div>")
                return
        elif self.precedente and chemin_livrable(autoevaluation.NOM_LIVRABLE).is_file():
            # Already written by « Enregistrer »: re-running lesson 00 after the end-of-course
            # self-assessment must not turn the starting radar (the portfolio's) into the end one.
            self.chemin_radar = chemin_livrable(autoevaluation.NOM_LIVRABLE)
        elif self.precedente:
            self.chemin_radar = autoevaluation.exporter_radar(syllabus=self.syllabus)
        else:
            self.chemin_radar = autoevaluation.exporter_radar(self.notes, syllabus=self.syllabus)
        self.message.value = (
            f'<div style="overflow-wrap:anywhere;line-height:1.4">Ton radar est dans '
            f"<code>livrables/{html.escape(self.chemin_radar.name)}</code> ; il est mis à jour "
            f"quand tu cliques sur « Enregistrer ».</div>")

    def _enregistrer(self, _bouton=None):
        chemin = autoevaluation.enregistrer(self.notes)
        if self.fin_de_parcours:
            self.chemin_radar = autoevaluation.exporter_radar_fin(
                None if len(autoevaluation.historique()) >= 2 else self.notes, syllabus=self.syllabus)
        else:
            self.chemin_radar = autoevaluation.exporter_radar(syllabus=self.syllabus)
        pistes = autoevaluation.a_travailler(self.notes, syllabus=self.syllabus)
        lignes = "".join(
            f"<li>{p['code']} · {html.escape(p['intitule'])} ({p['note']}/5) : "
            f"{html.escape(', '.join(p['modules']) or 'tout le parcours')}</li>"
            for p in pistes
        )
        self.message.value = (
            f'<div style="overflow-wrap:anywhere;line-height:1.4">✅ Autoévaluation enregistrée dans '
            f"<code>{html.escape(str(chemin))}</code>.<br>"
            f"Ton radar est dans <code>livrables/{html.escape(self.chemin_radar.name)}</code>, "
            f"à garder.<br>"
            f"Les compétences où tu te notes le plus bas, et les modules qui les travaillent :"
            f'<ul style="margin:4px 0;padding-left:20px">{lignes}</ul></div>'
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def autoevaluation_competences(*, fin_de_parcours: bool = False) -> Autoevaluation:
    """Affiche le formulaire d'autoévaluation des 18 compétences (à exécuter dans un notebook).

    ``fin_de_parcours=True`` : l'autoévaluation de fin (module 21), ton départ en pointillés,
    le radar écrit dans ``livrables/21_radar_competences_fin.png``.
    """
    return Autoevaluation(fin_de_parcours=fin_de_parcours)
