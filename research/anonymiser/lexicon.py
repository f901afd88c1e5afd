"""The words the anonymiser's rules depend on. Plain sets, so a reviewer can read and extend them.

Everything here is lower case; lookups lower-case the word first.
"""

from __future__ import annotations


def words(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


MONTHS = words("january february march april may june july august september october november")
MONTHS |= {"december"}
MONTH_ABBREVIATIONS = words("jan feb mar apr jun jul aug sep sept oct nov dec")
DAYS = words("monday tuesday wednesday thursday friday saturday sunday")

# A name whose lower-case spelling is one of these words is an "everyday word": it is replaced
# only where it is written with a capital first letter ("Hope said", not "I hope"), and a few of
# them have contexts that keep them as the word ("in May", "Will you...?"): see engine.py.
# Every other name is replaced in any case ("ruth", "RUTH"), because notes typed on a phone are
# often all lower case. The list is the common English words that are also first names,
# nicknames or surnames, and the words people in the group use in nicknames and role names.
EVERYDAY_WORDS = words(
    # months and seasons
    "april may june august summer autumn winter spring",
    # virtues and abstract nouns
    "hope grace faith joy charity patience mercy prudence constance honour honor verity "
    "felicity unity harmony melody destiny liberty justice serenity trinity bliss love "
    "precious treasure angel journey chance promise",
    # flowers, plants and trees
    "rose lily iris ivy holly hazel heather daisy poppy violet jasmine fern willow rowan "
    "blossom primrose marigold myrtle saffron sage laurel clover briar juniper olive "
    "bryony basil cherry berry",
    # gems and colours
    "ruby amber pearl jade crystal opal coral jewel diamond gold silver scarlet ginger "
    "sandy rusty brown white green black grey gray blue",
    # nature and weather
    "sky storm rain river brook misty sunny dawn star sunshine ocean echo wren robin jay "
    "finch swan fox wolf lamb drake hawk bird bee field fields hill hills wood woods "
    "moss marsh stone lake banks bush rivers waters wells",
    # verbs, nouns and adjectives that are also names
    "will mark bill rob bob pat sue don art jack guy ray drew grant chase cliff dean gene "
    "hunter lance miles rod max nick norm rich frank earnest major duke earl kit lane "
    "reed carol eve penny peg nan sally kitty polly molly honey sugar candy pepper brandy "
    "sherry shell shelly sonny happy young long little short small strong sharp swift "
    "wise best good free bright sweet hardy day price bond bell cash cross page ward hall "
    "king bishop knight baker cook walker mason potter carpenter butcher farmer gardener "
    "shepherd porter cooper turner fisher miller church house head hand gay bunny cookie "
    "button buddy doc chip sparky sunny rocky dusty lucky skip",
    # words often used in nicknames
    "big mama mum mummy nana gran granny auntie aunty sis bro babe baby lady queen princess "
    "bear boo bubbles kid",
    # short words that are also names or their abbreviations ("et al.", "ed.", "half a mo")
    "al ed mo",
    # the group's own words, which turn up in the names people choose to show
    "member members researcher researchers practitioner supporter supporters worker "
    "workers facilitator facilitators owner admin site outsider person people group "
    "doctor nurse staff support",
    # ordinary words that are also surnames, the demo group's among them ("Dr Sam Sample")
    "example sample demo",
)

# Titles written before a name. Before a known name they are taken out with it ("Dr Sample"
# becomes "GP1"), and the name after them is replaced in any case, even an everyday word
# ("Dr Young"). Full words count only with a capital ("I miss Ruth" keeps "miss").
TITLES_ANY_CASE = ("dr", "mr", "mrs", "ms", "mx", "prof")
TITLES_CAPITALISED = ("Doctor", "Professor", "Miss", "Sir", "Dame", "Nurse", "Rev", "Reverend")

# Where one of these comes just before "May", "June"... the word is the month: "in May",
# "since June". Prepositions that also come before people ("from", "to", "with", "by", "for")
# are left out on purpose: "a text from May" keeps the person's name out.
MONTH_CUES_BEFORE = words(
    "in since until till during early late mid last next this every each throughout "
    "around before after"
)
MONTH_CUES_OF = words("end start beginning middle half")

# At the start of a sentence, these after "Will" or "May" make it the verb: "Will you come?",
# "May I ask?". Anywhere else a capitalised "Will" is a person.
MODAL_FOLLOWERS = words(
    "i we you he she it they there this that these those the a an anyone someone everyone "
    "anybody somebody everybody people my our your his her their all any some everything "
    "nothing not"
)
MODALS = words("will may")

# "Hope you are well", "Hope so": at the start of a sentence, "Hope" before these is the verb.
HOPE_FOLLOWERS = words("you so it this that to everyone all things we i not")

# After a lower-case everyday name ("hope said she would") or a capitalised word at the start
# of a sentence ("Karen said"), these make it look like someone's name: it is flagged.
NAME_CUE_VERBS = words(
    "said says told tells asked asks texted messaged rang called phoned spoke thinks thought "
    "felt feels wants wanted smiled laughed cried helped agreed shared explained suggested "
    "mentioned reckons reckoned"
)

# Capitalised words that are not names, never flagged. Days, months, the pronoun "I",
# titles, family words, common sentence words and the names of big services and apps.
NOT_NAMES = (
    DAYS
    | MONTHS
    | MONTH_ABBREVIATIONS
    | words(
        "i im i'm i've i'll i'd ok okay yes no hi hello dear thanks thank please sorry "
        "the a an and but or so if then than when while where what who whom whose why how "
        "this that these those there here it its it's he she they we you me him her them us "
        "my our your his their mine ours yours also just still even only maybe perhaps "
        "after before because since until though although as at by for from in into of on "
        "onto to with without about above below over under between through during "
        "not never always sometimes often today tonight tomorrow yesterday now later "
        "everyone someone anyone nobody everybody somebody anybody people everything "
        "something anything nothing all some any each every both either neither none one "
        "two three four five six seven eight nine ten first second third next last "
        "is was are were be been being have has had do does did will would can could "
        "should shall may might must let lets let's "
        "dr mr mrs ms mx prof doctor professor miss sir dame nurse rev reverend madam "
        "mum mam mom mummy dad daddy nan nana gran granny grandma grandad grandpa auntie "
        "aunt uncle sis bro baby "
        "christmas easter ramadan eid diwali hanukkah new year xmas "
        "god jesus allah lord bible church mosque temple "
        "nhs gp gps a&e ae covid zoom teams whatsapp facebook instagram tiktok twitter "
        "google youtube snapchat email english british welsh scottish irish uk "
        "note notes meeting meetings group session agenda minutes action actions "
        "safety trust peer support collaboration empowerment voice choice "
        "p.s ps btw lol omg"
    )
)
