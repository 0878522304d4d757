"""Common Polish first names, folded (no diacritics, lower case): a printed line that starts with one
and reads as a name is a person's name, not a company or a heading."""

_FEMALE = """
ada adriana agata agnieszka aleksandra alicja alina amelia anastazja aneta aniela anita anna antonina
barbara beata bernadeta bogumila bogna bozena danuta dagmara daria dominika dorota edyta elwira elzbieta
emilia ewa ewelina gabriela grazyna halina hanna helena honorata igna iga ilona irena iwona izabela
jadwiga janina joanna jolanta jozefa julia justyna kamila karina karolina katarzyna kinga klaudia
kornelia krystyna lena lidia liliana lucyna ludmila magdalena maja malgorzata maria marianna mariola
marta martyna marzena matylda michalina milena mirela miroslawa monika natalia nikola nina oliwia
olga patrycja paula paulina renata roksana rozalia sabina sandra stanislawa stefania sylwia szymona
teresa urszula wanda weronika wiktoria wioletta zofia zuzanna zaneta zaklina zenobia bozena lilianna
irmina kalina laura luiza marcelina mila pola zyta ksenia edyta genowefa henryka jagoda marlena
""".split()

_MALE = """
adam adrian albert aleksander alfred andrzej antoni arkadiusz artur bartlomiej bartosz bogdan boguslaw
boleslaw borys bronislaw cezary czeslaw damian daniel dariusz dawid dominik edward emil eryk eugeniusz
fabian filip franciszek fryderyk gabriel grzegorz gustaw henryk hubert ignacy igor ireneusz jacek jakub
jan janusz jaroslaw jerzy jozef julian juliusz kacper kamil karol kazimierz konrad kornel krystian
krzysztof leon leszek lech lucjan ludwik lukasz maciej maksymilian marcel marcin marek marian mariusz
mateusz michal mieczyslaw mikolaj milosz miroslaw natan norbert oliwer oskar patryk pawel piotr
przemyslaw radoslaw rafal remigiusz robert roman ryszard sebastian slawomir stanislaw stefan szymon
tadeusz tomasz tymon tymoteusz waldemar walenty wiktor wincenty witold wladyslaw wlodzimierz wojciech
zbigniew zdzislaw zenon zygmunt aleks alan olaf ksawery leszek seweryn teodor bruno borys dionizy
edmund feliks gracjan hieronim jedrzej lech lesław mirosław nikodem olgierd przemek roch rajmund
""".split()

FIRST_NAMES = frozenset(_FEMALE) | frozenset(_MALE)
