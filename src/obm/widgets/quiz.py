"""Le questionnaire à cliquer des modules à choix (module 01)."""

from __future__ import annotations


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
