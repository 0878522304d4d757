"""Common Polish first names, folded (no diacritics, lower case): a printed line that starts with one
and reads as a name is a person's name, not a company or a heading."""
from .text import fold

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

_MORE = """
lucja luiza lena leokadia malwina mirosława ludwika celina czesława dobrosława eleonora emma erika
felicja franciszka gertruda ida ilona inga irmina iza izabella jolanta judyta julita kazimiera klara
konstancja krystyna lilia lucja magda marzanna melania mieczysława mira nadia nela noemi oksana oliwia
otylia pamela regina romana rozalia róża sara sylwia tamara tekla urszula walentyna wiesława władysława
zdzisława zuzanna żaneta żanna blanka bianka cecylia dorota edyta elżbieta eliza ewelina fabiola
hanna henryka honorata jadwiga józefa lidia marcela maryla natasza nikoletta paulina petronela
roma ryszarda stanisława sylwana teodora wanda wiktoria zenona zofia alina alicja amanda apolonia
aurelia bogusława bronisława danuta dominika dorota emilia gabriela gizela halina ilona irena iwona
jagna joanna justyna karina katarzyna kinga klaudia kornelia leonia lucyna łucja małgorzata marianna
marlena martyna maja michalina milena mirosława monika nina olga patrycja róża sabina sandra
stefania teresa ula weronika wioletta zuzanna ewa anna ada agata ala
adolf alojzy ambroży anatol antoni apolinary aureliusz bazyli benedykt bernard błażej bogumił
bogusław bolesław bonifacy bronisław cyprian cyryl czesław dobromir dominik edmund eligiusz emanuel
ernest eryk euzebiusz fabian feliks florian gerard gustaw herbert hipolit idzi ignacy izydor jacek
jakub januariusz jarosław jeremi jerzy joachim józef julian juliusz justyn kajetan kamil karol kazimierz
klemens konstanty kordian kornel krystian krzysztof ksawery lech leon leonard leszek lucjan ludwik łukasz
maciej maksymilian marceli marcin marek marian mariusz mateusz maurycy michał mieczysław mikołaj miłosz
mirosław natan nikodem norbert olaf oskar patryk paweł piotr przemysław radosław rafał remigiusz robert
roman rudolf ryszard sebastian seweryn sławomir stanisław stefan sylwester szczepan szymon tadeusz
teodor tomasz tymoteusz wacław waldemar walenty wawrzyniec wiesław wiktor wincenty witold władysław
włodzimierz wojciech zbigniew zdzisław zenon zygmunt zygfryd ziemowit bogdan borys bruno cezary daniel
dariusz dawid edward emil eugeniusz filip franciszek fryderyk grzegorz henryk hubert igor ireneusz
jan janusz kacper konrad krzysztof lech leszek marcel mieszko oliwer radek tobiasz tymon witosław
"""

_OLD_SLAVIC_AND_RARER = """
mścisław dobrosław sławomira radosława jarosława bolesława wacława świętosław światosław wszebor przybysław
bożydar bożysław lubomir lubomira ludomir bogdana dobromiła jaromir sobiesław wojsław gniewomir dobiesław
lechosław jarogniew radomił józefina eugenia florentyna halszka hildegarda ignacja kunegunda leontyna lilla
longina makary marcjanna oktawia oktawian pelagia serafina sylwiusz teofil teofila wincenta zenobiusz estera
adela adelajda albina alfreda alojzja ariadna augustyna benedykta celestyna dalia emilian eustachy filomena
gaweł gerwazy hilary ildefons izydora jowita klementyna krystiana maksymiliana norberta przemysława salomea
"""

_SPELLED = """
jędrzej józef józefa żaneta łukasz michał paweł rafał mikołaj bartłomiej przemysław radosław sławomir
mirosław jarosław bogusław stanisław władysław wiesław zdzisław dobrosław mścisław bolesław czesław
bronisław wacław małgorzata elżbieta grażyna jolanta bożena urszula żaklina ludmiła bogumiła danuta
mirosława wiesława stanisława bogusława zdzisława jadwiga łucja róża gabriela kinga teodora
"""

FIRST_NAMES = frozenset(fold(n) for n in _FEMALE + _MALE + _MORE.split() + _OLD_SLAVIC_AND_RARER.split())

# The spelling of a first name with its diacritics, by its folded form: OCR adds or drops them.
# _SPELLED is spelled out whole, plain names too (OCR gives "Jadwigą" for "Jadwiga" as well).
SPELLING = {fold(n): n for n in _MORE.split() + _OLD_SLAVIC_AND_RARER.split() if not n.isascii()} | \
    {fold(n): n for n in _SPELLED.split()}
