"""Le moteur de correction « réponses comme données » (voir ``execution`` pour son branchement).

Un interpréteur chaud (IPython, pandas, matplotlib, numpy et ``obm`` déjà importés) forke, pour
chaque copie, un processus de l'apprenante et un processus de test, isolés l'un de l'autre :
le premier exécute les cellules de la copie et ne reçoit jamais de test ; le second exécute
les tests sur les valeurs que le premier lui passe comme données (``valeurs``).
"""
