"""Les vues interactives du cours (ipywidgets).

Un widget montre et fait manipuler ; il ne porte jamais une réponse notée : la correction
relance le notebook, et seules les cellules de code comptent.
"""

from __future__ import annotations

import io

from obm import autoevaluation
from obm.syllabus import charger


def _png(figure) -> bytes:
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=80, bbox_inches="tight")
    return tampon.getvalue()


class Autoevaluation:
    """Le formulaire d'autoévaluation : 18 curseurs de 1 à 5, le radar, un bouton Enregistrer.

    Les curseurs reprennent ta dernière autoévaluation s'il y en a une. Le radar se redessine
    quand tu bouges un curseur ; « Enregistrer » garde la version du jour dans ton historique.
    """

    def __init__(self):
        import ipywidgets as w

        self.syllabus = charger()
        self.precedente = autoevaluation.derniere()
        depart = self.precedente["notes"] if self.precedente else {}
        style = {"description_width": "initial"}
        self.curseurs = {
            code: w.IntSlider(
                value=depart.get(code, 1), min=1, max=5, step=1,
                description=f"{code} · {c.intitule}", style=style,
                layout=w.Layout(width="560px"), continuous_update=False,
            )
            for code, c in self.syllabus.competences.items()
        }
        familles = {}
        for code, competence in self.syllabus.competences.items():
            familles.setdefault(competence.famille, []).append(self.curseurs[code])
        colonnes = [w.VBox([w.HTML(f"<b>{famille}</b>"), *curseurs])
                    for famille, curseurs in familles.items()]
        self.image = w.Image(format="png", layout=w.Layout(width="420px"))
        self.bouton = w.Button(description="Enregistrer", icon="save", button_style="primary",
                               tooltip="Garder cette autoévaluation dans ton historique")
        self.message = w.HTML()
        echelle = " · ".join(f"{n} = {t}" for n, t in autoevaluation.ECHELLE.items())
        self.vue = w.VBox([
            w.HTML(f"<i>Échelle : {echelle}</i>"),
            w.HBox([w.VBox(colonnes), w.VBox([self.image, self.bouton, self.message])]),
        ])
        for curseur in self.curseurs.values():
            curseur.observe(self._redessiner, names="value")
        self.bouton.on_click(self._enregistrer)
        self._redessiner()

    @property
    def notes(self) -> dict[str, int]:
        """Les notes actuellement choisies sur les curseurs."""
        return {code: curseur.value for code, curseur in self.curseurs.items()}

    def _redessiner(self, _changement=None):
        precedente = self.precedente["notes"] if self.precedente else None
        self.image.value = _png(autoevaluation.radar(self.notes, precedente=precedente,
                                                     syllabus=self.syllabus))

    def _enregistrer(self, _bouton=None):
        chemin = autoevaluation.enregistrer(self.notes)
        pistes = autoevaluation.a_travailler(self.notes, syllabus=self.syllabus)
        lignes = "".join(
            f"<li>{p['code']} · {p['intitule']} ({p['note']}/5) : "
            f"{', '.join(p['modules']) or 'tout le parcours'}</li>"
            for p in pistes
        )
        self.message.value = (
            f"✅ Autoévaluation enregistrée dans <code>{chemin}</code>.<br>"
            f"Les compétences où tu te notes le plus bas, et les modules qui les travaillent :"
            f"<ul>{lignes}</ul>"
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def autoevaluation_competences() -> Autoevaluation:
    """Affiche le formulaire d'autoévaluation des 18 compétences (à exécuter dans un notebook)."""
    return Autoevaluation()


class RetroplanningInteractif:
    """Un rétroplanning à manipuler : choisis la date cible et les durées, le Gantt se redessine.

    Le chemin critique et la date de début au plus tard se mettent à jour à chaque changement.
    Une erreur de saisie (une durée à 0, par exemple) s'affiche en français à la place du Gantt.
    """

    def __init__(self, taches, date_cible, *, zone: str = "metropole"):
        import ipywidgets as w

        from obm import planification as pl

        self._pl = pl
        self.zone = zone
        self.taches = pl.retroplanning(taches, date_cible, zone=zone)  # validates the input once
        self.date = w.DatePicker(description="Date cible", value=pl.lire_date(date_cible, "date_cible"))
        style = {"description_width": "initial"}
        self.durees = {
            ident: w.BoundedIntText(value=int(ligne["duree"]), min=1, max=200, step=1,
                                    description=f"{ident} · {ligne['tache']} (jours ouvrés)",
                                    style=style, layout=w.Layout(width="460px"))
            for ident, ligne in self.taches.iterrows()
        }
        self.resume = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="900px"))
        self.vue = w.VBox([self.date, *self.durees.values(), self.resume, self.image])
        self.date.observe(self._redessiner, names="value")
        for champ in self.durees.values():
            champ.observe(self._redessiner, names="value")
        self.plan = None
        self._redessiner()

    def _entrees(self) -> list[dict]:
        return [
            {"id": ident, "tache": ligne["tache"], "duree": self.durees[ident].value,
             "predecesseurs": list(ligne["predecesseurs"])}
            for ident, ligne in self.taches.iterrows()
        ]

    def _redessiner(self, _changement=None):
        from obm.erreurs import ErreurOBM

        if self.date.value is None:
            self.resume.value = "<b>Choisis une date cible.</b>"
            return
        try:
            self.plan = self._pl.retroplanning(self._entrees(), self.date.value, zone=self.zone)
        except ErreurOBM as erreur:
            self.resume.value = f"<b style='color:#b3261e'>{erreur}</b>"
            return
        critiques = [i for i, c in self.plan["critique"].items() if c]
        debut = min(self.plan["debut"])
        self.resume.value = (
            f"<b>Début au plus tard :</b> {self._pl.date_en_francais(debut)} · "
            f"<b>Chemin critique :</b> {' → '.join(critiques)}"
        )
        figure = self._pl.diagramme_gantt(self.plan, date_cible=self.date.value, zone=self.zone)
        self.image.value = _png(figure)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def retroplanning_interactif(taches, date_cible, *, zone: str = "metropole"):
    """Affiche un rétroplanning interactif : date cible et durées modifiables, Gantt redessiné."""
    return RetroplanningInteractif(taches, date_cible, zone=zone)


class TableauDeBordInteractif:
    """Le tableau de bord du lancement, filtré par source de trafic et par période.

    Choisis une source (ou « toutes ») et une période : les chiffres clés et les trois
    graphiques se recalculent.
    """

    TOUTES = "toutes les sources"

    def __init__(self, entonnoir_df):
        import ipywidgets as w
        import pandas as pd

        from obm import kpi

        self._kpi = kpi
        kpi._verifier_tableau(entonnoir_df, ["date", "source", "visites", "ventes",
                                             "chiffre_affaires", "depenses_pub"], "le tableau de bord")
        self.donnees = entonnoir_df.assign(date=pd.to_datetime(entonnoir_df["date"]).dt.date)
        jours = sorted(self.donnees["date"].unique())
        self.source = w.Dropdown(options=[self.TOUTES, *sorted(self.donnees["source"].unique())],
                                 description="Source")
        self.periode = w.SelectionRangeSlider(
            options=[(j.strftime("%d/%m"), j) for j in jours], index=(0, len(jours) - 1),
            description="Période", layout=w.Layout(width="600px"), continuous_update=False)
        self.chiffres = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="950px"))
        self.vue = w.VBox([w.HBox([self.source, self.periode]), self.chiffres, self.image])
        self.source.observe(self._redessiner, names="value")
        self.periode.observe(self._redessiner, names="value")
        self._redessiner()

    @property
    def selection(self):
        """Les lignes du tableau retenues par les filtres."""
        debut, fin = self.periode.value
        garde = (self.donnees["date"] >= debut) & (self.donnees["date"] <= fin)
        if self.source.value != self.TOUTES:
            garde &= self.donnees["source"] == self.source.value
        return self.donnees[garde]

    def _redessiner(self, _changement=None):
        lignes = self.selection
        ventes = int(lignes["ventes"].sum())
        ca = float(lignes["chiffre_affaires"].sum())
        depenses = float(lignes["depenses_pub"].sum())
        visites = int(lignes["visites"].sum())
        morceaux = [f"<b>Visites :</b> {visites:,}".replace(",", "\u202f"),
                    f"<b>Ventes :</b> {ventes}",
                    f"<b>Chiffre d'affaires :</b> {ca:,.0f} €".replace(",", "\u202f")]
        if visites:
            morceaux.append(f"<b>Conversion :</b> {ventes / visites:.2%}".replace(".", ","))
        if depenses:
            morceaux.append(f"<b>ROAS :</b> {ca / depenses:.2f}".replace(".", ","))
        self.chiffres.value = " · ".join(morceaux)
        self.image.value = _png(self._kpi.tableau_de_bord_lancement(lignes))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def tableau_de_bord_interactif(entonnoir_df) -> TableauDeBordInteractif:
    """Affiche le tableau de bord du lancement avec un filtre par source et par période."""
    return TableauDeBordInteractif(entonnoir_df)


class ProgressionInteractive:
    """Ta progression dans le cours (leçons, exercices, autoévaluation), avec un bouton Actualiser.

    Le tableau est lu dans tes notebooks enregistrés : enregistre ton travail (Ctrl + S), puis
    clique sur « Actualiser ».
    """

    def __init__(self, racine=None):
        import ipywidgets as w

        self.racine = racine
        self.tableau = w.HTML()
        self.bouton = w.Button(description="Actualiser", icon="refresh",
                               tooltip="Relire tes notebooks enregistrés")
        self.vue = w.VBox([self.bouton, self.tableau])
        self.bouton.on_click(self.actualiser)
        self.progression = None
        self.actualiser()

    def actualiser(self, _bouton=None):
        """Relit tes notebooks et met le tableau à jour."""
        from obm.progression import progression

        self.progression = progression(self.racine)
        self.tableau.value = self.progression._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def progression_interactive(racine=None) -> ProgressionInteractive:
    """Affiche ta progression dans le cours, avec un bouton « Actualiser »."""
    return ProgressionInteractive(racine)


class Questionnaire:
    """Un quiz à cliquer : choisis tes réponses, puis copie les lignes à coller.

    Quand toutes les questions ont une réponse, le cadre du bas montre le code exact à coller
    dans la cellule de réponse de l'exercice. Le questionnaire ne note rien et ne garde rien :
    seule la cellule de réponse compte, car la correction relance le notebook.
    """

    def __init__(self, quiz):
        import html

        import ipywidgets as w

        from obm.quiz import Association, ChoixMultiple, ChoixUnique

        self.quiz = quiz
        self._champs: dict = {}
        blocs = []
        for question in quiz.questions:
            titre = f"<b>{html.escape(question.id.upper())}.</b> {html.escape(question.enonce)}"
            if isinstance(question, ChoixUnique) and question.compacte:
                champ = w.ToggleButtons(options=list(question.valeurs), value=None,
                                        style={"button_width": "70px"})
                blocs.append(w.HBox([champ, w.HTML(titre)]))
            elif isinstance(question, ChoixUnique):
                champ = w.RadioButtons(options=[(f"{v} · {l}", v) for v, l in question.choix],
                                       value=None, layout=w.Layout(width="auto"))
                blocs.append(w.VBox([w.HTML(titre), champ]))
            elif isinstance(question, ChoixMultiple):
                champ = {v: w.Checkbox(value=False, description=f"{v} · {l}", indent=False,
                                       layout=w.Layout(width="auto"))
                         for v, l in question.choix}
                blocs.append(w.VBox([w.HTML(titre + " <i>(une ou plusieurs réponses)</i>"),
                                     *champ.values()]))
            else:
                assert isinstance(question, Association)
                options = [("—", None)] + [(e, e) for e in question.valeurs]
                champ = {c: w.Dropdown(options=options, value=None, layout=w.Layout(width="140px"))
                         for c in question.cles}
                blocs.append(w.VBox([w.HTML(titre), *(
                    w.HBox([champ[c], w.HTML(html.escape(l))]) for c, l in question.elements)]))
            self._champs[question.id] = champ
        self.etat = w.HTML()
        self.code = w.Textarea(layout=w.Layout(width="100%"))
        self.vue = w.VBox([*blocs, self.etat, self.code])
        for champ in self._champs.values():
            for element in (champ.values() if isinstance(champ, dict) else [champ]):
                element.observe(self._actualiser, names="value")
        self._actualiser()

    @property
    def reponses(self) -> dict:
        """Les réponses choisies ; ``...`` pour ce qui n'a pas encore de réponse."""
        from obm.quiz import SANS_REPONSE, Association, ChoixMultiple

        reponses = {}
        for question in self.quiz.questions:
            champ = self._champs[question.id]
            if isinstance(question, ChoixMultiple):
                cochees = [v for v, case in champ.items() if case.value]
                reponses[question.id] = cochees or SANS_REPONSE
            elif isinstance(question, Association):
                reponses[question.id] = {c: SANS_REPONSE if d.value is None else d.value
                                         for c, d in champ.items()}
            else:
                reponses[question.id] = SANS_REPONSE if champ.value is None else champ.value
        return reponses

    @property
    def restantes(self) -> list[str]:
        """Les identifiants des questions qui n'ont pas encore (toute) leur réponse."""
        return [p.question for p in self.quiz.problemes(self.reponses) if p.manque]

    def _actualiser(self, _changement=None):
        restantes = list(dict.fromkeys(self.restantes))
        if restantes:
            self.etat.value = ("Il te reste à répondre à : "
                               f"{', '.join(i.upper() for i in restantes)}.")
            self.code.value = ""
            self.code.layout.display = "none"
            return
        texte = self.quiz.texte_modele(self.reponses)
        self.etat.value = ("✅ Tout est répondu. Copie ces lignes (clique dans le cadre, "
                           "<code>Ctrl + A</code> puis <code>Ctrl + C</code>), colle-les dans la "
                           "cellule de réponse à la place du modèle, puis exécute-la : c'est elle "
                           "qui sera corrigée, pas ce questionnaire.")
        self.code.value = texte
        self.code.rows = min(texte.count("\n") + 1, 30)
        self.code.layout.display = None

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def questionnaire(quiz) -> Questionnaire:
    """Affiche un quiz à cliquer ; une fois tout répondu, il montre les lignes à coller dans la
    cellule de réponse (seule cette cellule est corrigée)."""
    return Questionnaire(quiz)


class AnalyseurFeedback:
    """Un feedback à écrire, analysé pendant que tu tapes (modèle SBI).

    Choisis « Un seul texte » pour écrire le feedback d'un bloc, ou « Trois parties » pour
    écrire la situation, le comportement et l'impact dans trois cases. Le verdict et les
    remarques (ce qu'il faut ajouter ou reformuler) se mettent à jour à chaque frappe.
    """

    MODES = ("Un seul texte", "Trois parties")

    def __init__(self, texte: str = "", *, en_trois_parties: bool = False):
        import ipywidgets as w

        style = {"description_width": "110px"}
        largeur = w.Layout(width="640px")
        self.mode = w.ToggleButtons(options=self.MODES, value=self.MODES[en_trois_parties])
        self.texte = w.Textarea(value=texte, description="Ton feedback",
                                placeholder="Hier, pendant le point d'équipe, tu as… Du coup, …",
                                continuous_update=True, style=style,
                                layout=w.Layout(width="640px", height="110px"))
        self.situation = w.Textarea(description="Situation", placeholder="Mardi, pendant…",
                                    continuous_update=True, style=style, layout=largeur)
        self.comportement = w.Textarea(description="Comportement", placeholder="tu as…",
                                       continuous_update=True, style=style, layout=largeur)
        self.impact = w.Textarea(description="Impact", placeholder="du coup, Inès a…",
                                 continuous_update=True, style=style, layout=largeur)
        self.champs = w.VBox()
        self.verdict = w.HTML()
        self.vue = w.VBox([self.mode, self.champs, self.verdict])
        for champ in (self.mode, self.texte, self.situation, self.comportement, self.impact):
            champ.observe(self._analyser, names="value")
        self.analyse = None
        self._analyser()

    def _analyser(self, _changement=None):
        import html

        from obm.erreurs import ErreurOBM
        from obm.feedback import analyser_sbi, analyser_sbi_parties

        trois = self.mode.value == self.MODES[1]
        self.champs.children = ((self.situation, self.comportement, self.impact) if trois
                                else (self.texte,))
        parties = (self.situation.value, self.comportement.value, self.impact.value)
        vide = not any(p.strip() for p in parties) if trois else not self.texte.value.strip()
        if vide:
            self.analyse = None
            self.verdict.value = ("<i>Écris ton feedback : le verdict et les remarques "
                                  "apparaissent ici pendant que tu tapes.</i>")
            return
        try:
            self.analyse = analyser_sbi_parties(*parties) if trois else \
                analyser_sbi(self.texte.value)
        except ErreurOBM as erreur:
            self.analyse = None
            self.verdict.value = f"<b style='color:#b3261e'>{html.escape(str(erreur))}</b>"
            return
        self.verdict.value = self.analyse._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def analyseur_feedback(texte: str = "", *, en_trois_parties: bool = False) -> AnalyseurFeedback:
    """Affiche un analyseur de feedback SBI : écris ton feedback, le verdict se met à jour."""
    return AnalyseurFeedback(texte, en_trois_parties=en_trois_parties)
