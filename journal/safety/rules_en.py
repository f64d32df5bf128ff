"""English warning signs by clinical category, and the exceptions that keep everyday hyperbole quiet.

Patterns run on NFKC-normalized, lower-cased text with straight apostrophes. Sections follow the C-SSRS
(wish to be dead, thoughts, method, intent, plan, preparation); self-harm and the risk states (burden,
hopelessness, entrapment) are in :mod:`journal.safety.rules_en_states`. Checked on journal/safety/examples/*.yaml and tests/safety_heldout_d.yaml.
"""

from __future__ import annotations

import re

from journal.safety.rules import LanguageContext, first_letter_alternation, rule
from journal.safety import euphemisms_en, families_en
from journal.safety.rules_en_states import _ACCIDENT, _DIE_HYPERBOLE, STATE_RULES, STATE_TRIGGER

# "killing myself at work", "hit myself for forgetting": effort or self-reproach, not self-harm.
_MYSELF_HYPERBOLE = r"for\b|to (?:finish|get|hit|make|meet|keep|pass)\b|at (?:work|the gym|school)|over\b|working|studying|laughing|trying"
# Leaving a job, a class, a party: farewells that are only farewells.
_LEAVING = (r"\bto\s+(?:my\s+)?old\s+(?:apartment|flat|house|home|room|school|job|city)\b|\bmovers\b|\bmoving\s+(?:out|day)\b|"
            r"\b(?:team|colleagues?|co-?workers?|company|job|office|boss|retir\w+|class(?:mates)?|students|"
            r"graduat\w*|party|moving|move to|new city|leaving (?:the|my|for)|last day|farewell party|"
            r"airport|trip|vacation|holiday)\b")
_GIVING_AWAY_OK = r"\b(?:charity|donat\w*|declutter\w*|moving|kondo|minimalis\w*|spring cleaning|thrift|old\b|outgrown|too small)"
_PLACE = (r"\b(?:job|company|office|school|city|town|party|class|apartment|country|team|relationship|"
          r"house|place|family|club|group|meeting)\b")

# Places people go to die, and travel that makes "not coming back" only a trip.
_DANGER_PLACE = (r"\b(?:coast|sea|ocean|beach|river|lake|bridge|cliffs?|woods|forest|mountains?|tracks|railway|"
                 r"rooftop|roof|pier|dam|quarry|edge)\b")
_TRAVEL = (r"\b(?:vacation|holiday|trip|move|moving|emigrat\w*|visa|new\s+life|abroad|road\s+trip|backpacking|"
           r"camping|hike|hiking)\b")
_HEIGHT = r"\b(?:bridge|building|garage|roof|rooftop|tower|cliff|balcony|floor|storey|story|overpass|ledge)\b"

RULES = (
    # --- wish to be dead: a passive wish not to live or not to wake up (C-SSRS 1) -----------------
    rule("wish_to_be_dead", "crisis", r"\b(?:want(?:ed)?|wanna|wanting)\s+to\s+die\b",
         unless_after=_DIE_HYPERBOLE, unless_sentence=r"\bwanted\s+to\s+die\s+(?:when|on\s+the\s+spot|right\s+there)|embarrass\w*|cringe|mortif\w*",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:want(?:ed)?|wanna|wanting|wish)\s+(?:to\s+)?(?:be|i\s+was|i\s+were)\s+dead\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:don't|do not)\s+(?:think|know if|know whether|feel like)\s+i\s+want\s+to\s+(?:be alive|live|exist|be here|stay alive)\b",
         unless_after=r"in\b|with\b|near\b|at\b|like\b|there\b|alone\b|without\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bwant\s+out\s+of\s+(?:this\s+)?(?:life|world|existence)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:i'm|i am|im)\s+done\s+with\s+(?:life|living|being alive|this life|this world)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:don't|do not|dont)\s+(?:even\s+|really\s+|actually\s+|honestly\s+)?(?:want\s+to|wanna)\s+(?:live|be\s+alive|exist|wake\s+up)\b",
         unless_after=r"in\b|with\b|near\b|at\b|like\b|there\b|here\b|alone\b|without\b|on\b|through\b|under\b|"
                      r"for\b|to\b(?!\s+see\b)|early\b|at \d|tomorrow\b(?!\s*,?\s*(?:or|and|ever)\b)|on \w+day\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:don't|do not|dont)\s+want\s+to\s+be\s+(?:here|around)\s+(?:anymore|any more)\b",
         soften_sentence=_PLACE, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "concern",
         r"\b(?:not sure|don't know if|do not know if|don't know whether)\s+i\s+want\s+to\s+"
         r"(?:live|be here|be alive|keep going|go on|be around)\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bwish(?:ed)?\s+(?:that\s+)?i\s+(?:was|were|'d be|would be|could be)\s+dead\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\bwish\s+i\s+(?:could|would|'d)?\s*(?:just\s+)?(?:die|not wake up|never wake up)\b",
         unless_after=_DIE_HYPERBOLE, subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:go|fall|went|going|falling|drift|drifting)\s+(?:to\s+)?(?:sleep|asleep)\s+and\s+(?:never|not)\s+wake\s+up\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:and|just)\s+(?:never|not)\s+wake\s+up(?:\s+again)?\b",
         unless_sentence=r"\b(?:alarm|late|until noon|till noon|weekend|lazy|early)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:stay|remain)\s+asleep\s+(?:forever|for\s+good|for\s+ever)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bhope\s+i\s+(?:don't|do not|never)\s+wake\s+up\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bbetter\s+off\s+dead\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\bno\s+(?:reason|point)\s+(?:left\s+)?(?:to|in|for)\s+(?:keep\s+|me\s+to\s+|me\s+)?(?:live|living|go on|going on|keep going|stay alive|staying alive|being alive|exist|existing|be here)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:living|life|being alive|going on|staying alive)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:life|living|my life)\s+(?:isn't|is not|is no longer|doesn't seem|does not seem|ain't|isnt)\s+"
         r"(?:really\s+)?worth\s+(?:living|it)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bnot\s+worth\s+living\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:don't|do not|dont)\s+care\s+if\s+i\s+(?:die|live|wake up|don't wake up|am dead)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\btired\s+of\s+(?:living|being\s+alive|existing|being\s+here)\b",
         unless_after=r"\s*(?:in|with|at|like|under|on|paycheck|out\s+of|from)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:don't|do not|dont)\s+deserve\s+to\s+(?:live|be alive|exist)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:feel|feels|feeling)\s+like\s+dying\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:want\s+to|wanna|wish\s+i\s+could|wish\s+to|like\s+to|going\s+to)\s+(?:just\s+)?"
         r"(?:stop\s+existing|not\s+exist|cease\s+to\s+exist|not\s+be\s+alive)\b",
         unless_after=r"for\b|until\b|till\b|at\b|in\b|on\b|during\b|online\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:i'd|i\s+would|id)\s+(?:much\s+|honestly\s+|really\s+)?rather\s+(?:be\s+dead|die)\b",
         unless_after=r"than\b|in\b|of\b|for\b|with\b|on\b|laughing|happy|doing\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\brather\s+(?:be\s+dead|die)\s+than\s+.{0,40}?\b(?:like\s+this|this\s+way|this\s+pain|this\s+life|feel(?:ing)?\s+this)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\bhope\s+i\s+(?:won't|will not|am not|'m not|wont)\s+(?:be\s+)?(?:here|alive|around)\b(?!\s+(?:for|at|when|in time|to see))",
         unless_sentence=r"\b(?:office|work|late|meeting|party|class|shift|school|trip|vacation|holiday)\b",
         subject_sensitive=False),
    rule("wish_to_be_dead", "crisis",
         r"\brather\s+not\s+(?:exist|be\s+alive|live|wake\s+up|have\s+been\s+born)\b",
         unless_after=r"at\b|in\b|for\b|on\b|when\b|with\b|during\b|right now|tonight\b|today\b"),
    rule("wish_to_be_dead", "crisis", r"\b(?:i'm|i am|im)\s+(?:so\s+|just\s+|really\s+)?done\s+(?:living|being\s+alive|existing)\b",
         subject_sensitive=False),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:hopes?|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?i\s+(?:get|got|would\s+get|'d\s+get)\s+hit\s+by\s+(?:a|the)\s+"
         r"(?:bus|car|train|truck|lorry)\b|\b(?:hope|wish|pray)\w*\s+(?:that\s+)?i\s+(?:die|don't\s+make\s+it|crash)\b(?!\s+(?:of|from|laughing))",
         subject_sensitive=False),
    rule("wish_to_be_dead", "crisis",
         r"\bif\s+i\s+(?:didn't|did not|don't|never|wouldn't)\s+wake\s+up\b.{0,40}?\b(?:relief|fine|okay|ok|better|good\s+thing|"
         r"wouldn't\s+mind|peace|blessing)\b|\bwouldn't\s+mind\s+(?:if\s+i\s+)?(?:not\s+waking|never\s+waking|didn't\s+wake|dying)\b",
         subject_sensitive=False),
    # --- thoughts of killing oneself: active suicidal thoughts, without a method yet (C-SSRS 2) ---
    rule("suicidal_thoughts", "crisis", r"\bif\s+i\s+(?:just\s+)?(?:ended it|end it|ended it all)\b(?!\s+with)",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\bsuicide\s+(?:is|feels like|seems like|seems|looks like)\s+(?:\w+\s+){0,3}?(?:option|answer|way out|solution|choice)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\bkill(?:ing)?\s+myself\b", unless_after=_MYSELF_HYPERBOLE,
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\bunalive\s+myself\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "concern", r"\bkms\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:i'm|i am|im|feel|feeling|felt|been|get|getting)\s+(?:so\s+|really\s+|very\s+|kind of\s+|a bit\s+|pretty\s+)?suicidal\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\bsuicidal\s+(?:thoughts?|ideation|feelings?|urges?|again)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:commit|committing|attempt|attempting|attempted)\s+suicide\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:think|thinking|thought|thoughts)\s+(?:\w+\s+){0,3}?(?:about|of)\s+(?:suicide|ending it|ending my life)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:consider|considering|considered|contemplat\w+|planning|plan|researching)\s+suicide\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:end|ending)\s+it\s+all\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:end|ending)\s+(?:everything|things)\b",
         unless_after=r"with\b|between\b|on a\b|on an\b|on the\b|well\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:nobody|no one|no-one)\s+(?:would|will|'d)\s+(?:even\s+)?(?:care|notice|miss me|cry)\s+if\s+i\s+"
         r"(?:died|was dead|were dead|killed myself|was to die|die)\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\bif\s+i\s+(?:died|was dead|were dead|killed myself)\s*,?\s*(?:nobody|no one|no-one)\s+would\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\bunaliv\w*\s+myself\b", subject_sensitive=False),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:suicide|killing\s+myself|ending\s+(?:it\s+all|my\s+life)|unaliving)\b.{0,40}?\b(?:on\s+my\s+mind|in\s+my\s+head|won't\s+leave\s+me|keeps?\s+coming\s+back)\b"),
    # Internet shorthand is read as a joke ("kms" is concern) until the writer says it is not one.
    rule("suicidal_thoughts", "crisis", r"\b(?:kms|kys\s+myself)\b",
         needs_sentence=r"\b(?:for real|not joking|not kidding|no joke|seriously|i mean it|fr fr|deadass)\b",
         subject_sensitive=False),
    # Algospeak for suicide on social media: "sewerslide", "su1cide", "s*icide".
    rule("suicidal_thoughts", "crisis", r"\bsewer\s?slid\w*|\bs(?:u1|\*|\*\*)cid\w*"),
    # --- method and means: how, with what, from where (C-SSRS 3): pills counted or saved, a rope, a height ---
    rule("method", "crisis",
         r"\b(?:saving|saved|stockpil\w+|hoard\w*|collect\w*|stash\w*)\s+(?:up\s+)?(?:my\s+|all\s+my\s+|enough\s+|the\s+|some\s+)?"
         r"(?:sleeping\s+)?(?:pills|tablets|meds|medication|painkillers)\b", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:pills|tablets|meds|painkillers)\s+(?:saved|stashed|hidden|put aside)\b|"
         r"\benough\s+(?:sleeping\s+)?(?:pills|tablets|meds|painkillers)\s+(?:saved|stashed|to\s+(?:make sure|end|die|do it|kill|not wake))", sign="plan_or_means"),
    rule("method", "crisis",
         r"\bhow\s+many\s+(?:sleeping\s+)?(?:pills|tablets|painkillers)\s+(?:it\s+)?(?:would|it would|does it|it takes|to|is|are|will|i'd need)", sign="plan_or_means"),
    rule("method", "crisis",
         r"\btake\s+(?:all\s+(?:of\s+)?(?:my|the)|a\s+whole\s+bottle\s+of\s+(?:my)?|the\s+whole\s+bottle\s+of)\s*"
         r"(?:sleeping\s+)?(?:pills|tablets|meds|medication|painkillers)\b", sign="plan_or_means"),
    rule("method", "crisis", r"\boverdos(?:e|ing|ed)\b",
         unless_after=r"on\s+(?:coffee|caffeine|sugar|chocolate|candy|netflix|tv|anime|k-?dramas?|memes|cute\w*|"
                      r"vitamin\w*|love|fun|carbs|pizza|music)", sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:hang|hanging|drown|drowning|shoot|shooting|poison|poisoning|starve|suffocate)\s+myself\b",
         subject_sensitive=False, sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:tie|tied|tying|made|make|making)\s+a\s+noose\b", sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:slit|slitting|cut|cutting|slash|slashing)\s+my\s+wrists?\b", subject_sensitive=False, sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:took|take|taken|taking|swallowed|swallow)\s+(?:a\s+handful|a\s+bunch|a\s+whole\s+bottle|all|the\s+whole\s+bottle)\s+of\s+"
         r"(?:my\s+|the\s+|those\s+)?(?:sleeping\s+)?(?:pills|tablets|meds|painkillers|medication)\b", sign="plan_or_means"),
    rule("method", "crisis", r"\bgun\s+to\s+my\s+head\b", subject_sensitive=False, sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:bought|got|buy|have)\s+(?:a\s+)?rope\b(?=.*\b(?:do it|end it|hang|neck|noose|beam|ceiling))", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:jump|jumping|leap|leaping|throw myself|throwing myself)\s+(?:off|from)\s+(?:the|a|my|this|that)\s+"
         r"(?:\w+\s+){0,3}?(?:bridge|roof|rooftop|building|balcony|cliff|tower|overpass|window|ledge)\b",
         unless_after=r"into\s+the\s+(?:lake|water|sea|river|pool|ocean)|into\b", sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:on|at)\s+the\s+(?:bridge|roof|rooftop|ledge)\b.{0,40}\b(?:jump|jumping)\b(?!\s+(?:rope|in|into))", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:jump|jumping|step|stepping|throw myself|throwing myself|walk|walking|run|running)\s+in\s+front\s+of\s+"
         r"(?:a|the|an)\s+(?:train|bus|truck|car|lorry|subway)\b", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:drive|driving|crash|crashing)\s+(?:my\s+car\s+)?(?:off|into)\s+(?:a|the)\s+(?:cliff|bridge|wall|tree|river|oncoming)", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:how\s+to|ways?\s+to|best\s+way\s+to|painless\s+ways?\s+to|easiest\s+way\s+to|quickest\s+way\s+to)\s+"
         r"(?:kill\s+myself|die|end\s+my\s+life|commit\s+suicide)\b", sign="plan_or_means"),
    rule("method", "crisis", r"\bhow\s+(?:high|tall|far\s+down|long\s+the\s+(?:drop|fall))\b.{0,60}"
         r"\b(?:enough|survive|the\s+fall|the\s+drop)\b", needs_sentence=_HEIGHT, sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:edge|end)\s+of\s+the\s+(?:platform|roof|rooftop|cliff|bridge|balcony|ledge)\b",
         needs_sentence=r"\bhow\s+(?:fast|quick|quickly|painless|easy|long)\s+it\s+would\b", sign="plan_or_means"),
    rule("method", "crisis", r"\benough\s+(?:of\s+)?(?:[\w']+\s+){0,3}?(?:sleeping\s+)?(?:pills|tablets|meds|painkillers|insulin)\b",
         needs_sentence=r"\b(?:count\w*|sav(?:e|ed|ing)|stash\w*|hid\w*|hoard\w*|to\s+(?:die|end|do it|not wake|make sure))\b", sign="plan_or_means"),
    rule("method", "crisis",
         r"\bhow\s+many\s+(?:of\s+)?(?:my|the|these|those)\s+(?:sleeping\s+)?(?:pills|tablets|painkillers|meds)\b"),
    rule("method", "crisis",
         r"\b(?:thinking|think|thought|wonder\w*|imagin\w*|picture|picturing)\s+(?:about\s+)?how\s+(?:high|tall|far\s+down|deep)\b",
         needs_sentence=_HEIGHT + "|" + _DANGER_PLACE, unless_sentence=_TRAVEL),
    rule("method", "crisis", r"\b(?:bought|got|buy|have|ordered)\s+(?:a\s+|some\s+|the\s+)?rope\b",
         needs_sentence=r"\b(?:hid|hidden|hide|hiding|nobody knows|no one knows|in\s+(?:the|my)\s+(?:closet|wardrobe|drawer|car|trunk))\b"),
    rule("method", "crisis",
         r"\b(?:climb\w*|step\w*|stand\w*|stood|sit\w*|sat)\s+(?:up\s+)?(?:on|onto|over)\s+(?:the\s+)?(?:railing|ledge|edge|parapet)\b",
         needs_sentence=r"\b(?:i|i'm|me|my)\b", unless_sentence=r"\b(?:photo|selfie|view|pictures?|careful)\b"),
    rule("method", "crisis",
         r"\b(?:count|counted|counting)\s+(?:out\s+)?(?:all\s+)?(?:my\s+|the\s+)?(?:sleeping\s+)?(?:pills|tablets|meds|painkillers)\b",
         unless_sentence=r"\b(?:pharmac\w*|prescri\w*|refill\w*|organi[sz]er|for\s+the\s+(?:week|month|trip))\b"),
    rule("method", "crisis",
         r"\b(?:googl\w*|search\w*|looked\s+up|look\w*\s+up|research\w*|read\w*\s+up\s+on)\s+(?:how\s+(?:long|much|many)|what|the)\b"
         r".{0,30}?\b(?:drown|die|bleed\s+out|overdose|hang|suffocate|lethal|fatal)\w*"),
    rule("method", "crisis",
         r"\b(?:imagin\w*|picture|picturing|fantasi[sz]\w*)\s+(?:myself\s+)?(?:stepping|jumping|walking|throwing\s+myself|falling|driving)\s+"
         r"(?:in\s+front\s+of|off|into)\b", subject_sensitive=False),
    rule("method", "crisis", r"\bwhich\s+(?:floor|bridge|building|cliff|roof|window|level)\b.{0,40}?\b(?:no\s+(?:barrier|railing|fence|net)|"
         r"highest|high\s+enough|open\s+to)\b"),
    rule("method", "crisis", r"\b(?:take|swallow|down)\s+(?:them|those|these)\s+all\b|\b(?:take|swallow)\s+all\s+of\s+(?:them|those|these)\b",
         needs_sentence=r"\b(?:pills|tablets|meds|painkillers|bottle)\b"),
    # --- intent: the writer means to act (C-SSRS 4): decided, ready, going to, this time for real ---
    rule("intent", "crisis",
         r"\b(?:don't|do not)\s+think\s+i(?:'ll|\s+will)\s+(?:still\s+)?be\s+(?:alive|around)\s+(?:by|at|for|in|next|much)\b",
         subject_sensitive=False),
    rule("intent", "crisis", r"\bi(?:'ll|\s+will)\s+be\s+(?:gone|dead)\s+(?:by|before)\s+(?:morning|tomorrow|tonight|"
         r"the\s+(?:morning|weekend|end)|sunrise|dawn|then)\b",
         unless_sentence=_TRAVEL + r"|\b(?:flight|train|airport|leave\s+for|work|office|shift)\b", subject_sensitive=False),
    rule("intent", "crisis", r"\b(?:i'm|i am|im)\s+(?:so\s+|finally\s+|just\s+)?ready\s+to\s+(?:die|end\s+it|be\s+gone|let\s+go\s+of\s+life)\b",
         subject_sensitive=False),
    # --- plan: a time, a place or the means fixed (C-SSRS 5): a date, tonight, the bridge and no return ---
    rule("plan", "crisis",
         r"\b(?:decided|know|figured out|planned|planning|plan|picked|chosen|chose|worked out|thinking about|imagining|imagine)\s+(?:exactly\s+)?(?:how|when|where)\s+"
         r"(?:i'm going to|i am going to|i'll|i will|to|i'd|i would)\s+(?:do it|end it|die|kill myself|end things)\b", sign="plan_or_means"),
    rule("plan", "crisis",
         r"\b(?:and|to)\s+(?:never|not)\s+(?:come|coming|walk|walking|drive|driving|go|going|swim|swimming)\s+back\b|"
         r"\b(?:don't|do not|won't|will not)\s+(?:plan\s+on|intend\s+to|plan\s+to|expect\s+to)\s+"
         r"(?:come|coming|walk|walking|go|going|drive|driving)\s+back\b",
         unless_after=r"until\b|till\b|for\b|before\b|home\b|to (?:work|the)\b",
         needs_sentence=_DANGER_PLACE, unless_sentence=_TRAVEL, sign="plan_or_means"),
    rule("plan", "concern", r"\b(?:going to|gonna|will|'ll|decided to|plan to|planning to|ready to)\s+end\s+it\s+(?:all\s+)?"
         r"(?:tonight|tomorrow|this\s+(?:week|weekend|month|time)|soon|on\s+\w+day|next\s+\w+|before\s+\w+)\b",
         unless_sentence=r"\b(?:him|her|them|relationship|contract|subscription|lease|series|game|project|chapter|story|season)\b", sign="plan_timeline"),
    rule("plan", "concern",
         r"\bi(?:'ve|\s+have)?\s+(?:finally\s+)?(?:picked|chosen|chose|set|decided\s+on|settled\s+on)\s+(?:a|the)\s+(?:date|day)\b",
         unless_sentence=r"\b(?:wedding|party|trip|move|moving|launch|meeting|interview|surgery|appointment|exam|dinner|"
                         r"vacation|holiday|release|deadline|shower|ceremony|reunion|opening|for\s+(?:the|our|my))\b",
         subject_sensitive=False, sign="plan_timeline"),
    rule("plan", "crisis", r"\b(?:have|got|made|make|making)\s+(?:a|the)\s+plan\b",
         needs_sentence=r"\b(?:date|time|tonight|tomorrow|\w+day|weekend|place)\b",
         unless_sentence=r"\b(?:for\s+(?:the|my|our|a|this|next|\w+day|tonight|tomorrow)|trip|party|wedding|meeting|project|business|diet|workout|"
                         r"training|study|studying|exam|holiday|vacation|budget|lesson|birthday|dinner|lunch|move|moving|"
                         r"date\s+night|launch|backup)\b"),
    rule("plan", "crisis",
         r"\b(?:that\s+will\s+be|that'll\s+be|it\s+will\s+(?:all\s+)?be|and\s+then\s+it'?s?)\s+(?:the\s+end(?:\s+of\s+(?:it|me))?|over)\b",
         needs_sentence=_DANGER_PLACE, unless_sentence=_TRAVEL),
    rule("plan", "crisis", r"\bwalk\w*\s+into\s+the\s+(?:lake|sea|ocean|river|water|waves)\b",
         needs_sentence=r"\b(?:i|i'll|i'm|i've|stones|pockets|tonight|tomorrow|dawn)\b",
         unless_sentence=r"\b(?:swim\w*|paddl\w*|surf\w*|wad\w*|holiday|knees?|waist|we|us|dog)\b"),
    rule("plan", "crisis",
         r"\b(?:picked|chosen|chose|decided\s+on|settled\s+on|worked\s+out)\s+(?:the|a)\s+(?:place|spot|time|date|day|method|way)\s+"
         r"and\s+(?:the|a)\s+(?:place|spot|time|date|day|method|way)\b",
         unless_sentence=r"\b(?:wedding|party|trip|meeting|interview|dinner|picnic|reunion|ceremony|launch)\b"),
    # --- preparatory acts: a will, goodbye letters, giving away pets and belongings, settling affairs ---
    rule("preparation", "crisis", r"\b(?:suicide|goodbye|good-bye|farewell)\s+(?:note|notes|letter|letters|message|messages|video)\b",
         unless_before=r"\b(?:found|find|finding|read|reading)\s+(?:a|an|his|her|their|the)\s*$",
         unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "crisis", r"\b(?:letters?|notes?)\b.{0,40}\bsay(?:ing)?\s+goodbye\b", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "crisis",
         r"\b(?:letters?|notes?|messages?)\b.{0,60}\b(?:why i did it|when i'm gone|after i'm gone|once i'm gone|"
         r"when i am gone|after i die|when i die|forgive me)\b", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"\b(?:when|after|once)\s+i'm\s+(?:gone|dead)\b", subject_sensitive=False,
         unless_sentence=r"\b(?:old|retire\w*|inherit\w*|will\b|trip|vacation|holiday|away)\b", sign="farewell"),
    rule("preparation", "crisis", r"\bsay(?:ing)?\s+goodbye\s+(?:to\s+(?:everyone|everybody|you all|the world)\s+)?(?:for good|forever)\b",
         unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"\bsay(?:ing)?\s+goodbye\s+to\s+(?:everyone|everybody|the world)\b", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"\bgoodbye\s+(?:forever|for good|world|cruel world)\b", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"\b(?:said|say|saying)\s+(?:my\s+)?goodbyes?\s+to\s+(?:c|you|my\s+\w+|everyone|everybody)\b",
         unless_sentence=_LEAVING, subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"(?:^|[,:;])\s*(?:goodbye|good-bye|farewell)(?:\s+(?:everyone|all|world|everybody|c))?\s*[.!…~]*\s*$",
         subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"\bmy\s+(?:very\s+)?last\s+(?:entry|post|message|words|note)\b",
         unless_after=r"before\b|of\b|for\b|until\b|in\b|on\b|this\b|today\b|from\b|at\b|was\b|about\b",
         subject_sensitive=False, sign="final_words"),
    rule("preparation", "concern",
         r"\bgiv(?:e|ing|en)\s+away\s+(?:all\s+|a lot\s+|most\s+|many\s+|some\s+)?(?:of\s+)?(?:my|all my)\s+"
         r"(?:\w+\s+)?(?:things|stuff|belongings|possessions|books|clothes|records|games|plants|cat|dog|pets|everything|guitar|art)\b",
         unless_sentence=_GIVING_AWAY_OK, subject_sensitive=False, sign="giving_away"),
    rule("preparation", "concern",
         r"\bg(?:ive|iving|ave|iven)\s+(?:away\s+)?my\s+(?:\w+\s+)?(?:cat|dog|pets?|plants|guitar|things|stuff|belongings)\s+(?:away\s+)?to\b",
         unless_sentence=r"\b(?:week|weekend|holiday|vacation|trip|while i'm away|for a few days|look after|sit|sitting|borrow)\b|"
                         + _GIVING_AWAY_OK, subject_sensitive=False, sign="giving_away"),
    rule("preparation", "concern",
         r"\b(?:won't|will not|wont|wouldn't)\s+(?:need|be needing)\s+(?:\w+\s+){0,3}?"
         r"(?:anymore|any more|where i'm going|much longer)\b", sign="no_future"),
    rule("preparation", "concern",
         r"\b(?:won't|will not|wont|not\s+going\s+to|not\s+gonna)\s+be\s+(?:around|here|alive)\s+(?:much\s+longer|for\s+long|after|anymore|any more|by|next|soon)\b",
         unless_after=r"tonight|today|at\b|in\b|on\b",
         unless_sentence=r"\b(?:trip|vacation|holiday|travel\w*|flight|conference|away for|visiting|hospital stay|offline|"
                         r"party|meeting|office|shift)\b", sign="no_future"),
    rule("preparation", "concern", r"\b(?:and|to)\s+(?:never|not)\s+(?:come|coming|go|going)\s+back\b",
         unless_sentence=r"\b(?:job|company|school|that (?:place|restaurant|shop|bar|cafe)|ex\b|him|her)\b|" + _TRAVEL, sign="no_future"),
    rule("preparation", "concern", r"\bwho\s+(?:gets|will get|should get|would get|can have)\s+my\s+(?:things|stuff|belongings|cat|dog|pets?|books)\b",
         subject_sensitive=False, sign="giving_away"),
    rule("preparation", "concern", r"\b(?:get|getting|put|putting|got)\s+my\s+affairs\s+in\s+order\b", subject_sensitive=False, sign="affairs"),
    rule("preparation", "concern", r"\bthis\s+is\s+(?:my\s+)?(?:final\s+|last\s+)?goodbye\b", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern",
         r"\bthank(?:ed|ing)?\s+(?:you|them|her|him|everyone)\s+for\s+(?:everything|being\s+there|all\s+(?:these|those)\s+\w+)\b",
         needs_sentence=r"\b(?:goodbye|last\s+time|one\s+last|forgive\s+me|sorry\s+for\s+everything)\b", unless_sentence=_LEAVING, subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"\b(?:felt|feels|feel)\s+like\s+(?:the|a)\s+(?:last\s+time|final\s+goodbye|goodbye)\b",
         unless_sentence=_LEAVING, subject_sensitive=False, sign="final_words"),
    rule("preparation", "concern", r"\b(?:found|find|finding)\s+(?:a\s+)?new\s+(?:home|homes|owner|owners|family)\s+for\b",
         unless_sentence=r"\b(?:allerg\w*|moving|landlord|kittens?|puppies|foster\w*|rescue|shelter|litter|stray)\b", sign="giving_away"),
    rule("preparation", "concern", r"\b(?:when|once|after)\s+i'?m\s+(?:not|no\s+longer)\s+(?:here|around)\b",
         unless_sentence=r"\b(?:trip|vacation|holiday|travel\w*|away|at work|office|weekend|out|asleep|busy|school|"
                         r"shift|business)\b", subject_sensitive=False, sign="no_future"),
    rule("preparation", "concern",
         r"\b(?:wrote|write|writing|written|left|leaving|gave|giving|sent)\s+(?:down\s+)?(?:all\s+)?(?:of\s+)?my\s+"
         r"(?:passwords?|pins?|bank\s+details|account\s+details|logins?)\b",
         unless_sentence=r"\b(?:manager|vault|trip|travel\w*|surgery|hospital|backup|forgot|reset|hacked|phishing)\b",
         subject_sensitive=False, sign="affairs"),
    rule("preparation", "concern", r"\b(?:cancel\w*)\s+(?:all\s+)?my\s+(?:phone\s+)?(?:contract|subscriptions?|accounts?|lease|plan)\b",
         needs_sentence=r"\b(?:affairs|goodbye|won't\s+need|in\s+order|last)\b", subject_sensitive=False, sign="closing_accounts"),
    rule("preparation", "concern",
         r"\bso\s+(?:nobody|no one|no-one)\s+(?:has|have|will\s+have)\s+to\s+(?:deal\s+with|clean\s+up|sort\s+out|worry\s+about)\b"
         r".{0,30}\bafter\b", subject_sensitive=False, sign="no_future"),
    rule("preparation", "crisis",
         r"\b(?:wrote|written|write|writing|made|making|drafted|drafting|finished|signed|updated|updating|rewrote|redid|redone|finali[sz]ed)\s+"
         r"(?:up\s+)?my\s+(?:own\s+)?(?:last\s+)?will\b"
         r"(?!\s+(?:to|power|known)\b)",
         unless_sentence=r"\b(?:lawyer|solicitor|notary|estate|baby|kids|children|mortgage|trip|surgery|operation|insurance|"
                         r"retire\w*|adulting|pension|grandkids|wedding)\b", subject_sensitive=False, sign="will"),
    rule("preparation", "crisis",
         r"\b(?:won't|will not|wont)\s+be\s+(?:around|here|alive)\s+(?:to\b|for\s+(?:her|him|them|it|long)|anymore|any more|much longer)",
         unless_sentence=r"\b(?:tomorrow|tonight|next\s+\w+|this\s+(?:week|weekend|summer|month)|on\s+\w+day|until|till|trip|"
                         r"travel\w*|vacation|holiday|business|work|shift|office|moving|move|abroad|semester)\b",
         subject_sensitive=False, sign="no_future"),
    rule("preparation", "crisis",
         r"\b(?:last|final)\s+(?:thing|words?|entry|message|post|note|letter)\s+i(?:'ll|\s+will)\s+ever\s+(?:write|say|post|send)\b",
         subject_sensitive=False, sign="final_words"),
    rule("preparation", "concern", r"\b(?:put|putting|got|get|getting)\s+(?:all\s+)?my\s+affairs\s+in\s+order\b",
         unless_sentence=r"\b(?:surgery|trip|operation|retire\w*|travel\w*|hospital|moving|deploy\w*|abroad|baby)\b",
         subject_sensitive=False, sign="affairs"),
    rule("preparation", "concern", r"\b(?:cancel\w*)\s+(?:all\s+)?my\s+(?:phone\s+)?(?:contract|subscriptions?|accounts?|lease|plan)\b",
         needs_sentence=r"\b(?:affairs|goodbye|won't\s+need|in\s+order|last)\b", subject_sensitive=False, sign="closing_accounts"),
    rule("preparation", "concern", r"\b(?:won't|will not|wont)\s+(?:be\s+)?need(?:ing)?\s+(?:them|it|these|those|any\s+of\s+(?:it|this|them))\b",
         unless_sentence=r"\b(?:moving|move|abroad|charity|donat\w*|outgrown|anymore\s+since|new\s+one|upgrade\w*|replac\w*)\b",
         subject_sensitive=False, sign="no_future"),
    rule("preparation", "concern", r"\b(?:it\s+was|it's|this\s+is|that\s+was|would\s+be)\s+the\s+last\s+time\b",
         needs_sentence=r"\b(?:goodbye|good-bye|farewell|see\s+(?:them|her|him|you)|hug\w*|without\s+(?:them|anyone)\s+knowing)\b",
         subject_sensitive=False, sign="final_words"),
    *STATE_RULES,
    *families_en.FAMILY_RULES,
    *euphemisms_en.RULES,
)

CONTEXT = LanguageContext(
    rules=RULES,
    trigger=first_letter_alternation(
        r"die|dead|death|dying|kill|kms|suicid|alive|live|living|life|exist|myself|self|wake|asleep|sleep|hope|point|"
        r"burden|better|goodbye|good-bye|farewell|letter|note|pill|tablet|meds|medication|painkiller|overdos|rope|noose|"
        r"jump|leap|bridge|roof|ledge|in front of|wrist|blade|knife|razor|gun|cut|burn|scratch|hurt|harm|bled|hit|punch|"
        r"carv|slash|hate|worthless|useless|failure|waste|disappear|vanish|nobody|no one|no-one|anyone|anybody|numb|"
        r"empty|trapped|way out|future|matter|pointless|meaningless|go on|take it|take this|handle|bear|do this|"
        r"keep going|carry on|end|tether|exhausted|tired|sick|worn out|pain|born|give|gave|giving|won't|wont|will not|"
        r"wouldn't|affairs|gets my|get my|come back|coming back|go back|going back|drive|crash|hang|drown|shoot|"
        r"poison|starve|suffocate|wish|last|done|unalive|over\b|stop|took|take|swallow|handful|around|care|miss|"
        r"deserve|here|back|high|tall|far down|edge|enough|rather|date|\bday\b|thank|felt like|feel like|feels like|"
        r"new home|new owner|new famil|password|\bpins?\b|bank|login|anything|\bwill\b|plan|gone|mind|head|railing|"
        r"escape|only|\bever\b|how many|how high|how tall|how deep|sewer|s1cide|su1cide|s\*|count|googl|search|"
        r"looked up|look up|looking up|imagin|pictur|fantas|which (?:floor|bridge|building|cliff|roof|window|level)|"
        r"walk\w*\s+into|picked|chose|decided|affairs|needing|need (?:them|it|these|those|any)|last time|cuts|wounds|burns|"
        r"scars|haven't (?:cut|self|hurt|burned)|happier|easier|trouble|ready|them all|" + families_en.TRIGGER + "|" + euphemisms_en.TRIGGER + "|" + STATE_TRIGGER,
        word_start=True),
    # "I would never", "I'm not", "I don't (really) want to": up to three filler words may sit in between.
    negation=re.compile(
        r"(?:\b(?:not|never|no longer|don't|do not|didn't|did not|won't|will not|wouldn't|would not|isn't|aren't|"
        r"wasn't|ain't|dont|didnt|wont|wouldnt|nor|without)\b)"
        r"(?:\s+(?:really|even|ever|actually|just|want|wanna|going|gonna|to|try|trying|plan|planning|intend|"
        r"about|of|considered|feel|feeling|am|be|being|have|had|been|i|i'm|it|that|like|need|"
        r"seriously|anymore|want to|do|anything|something|ever|think|thought|thinking|about|considered|considering))*\s*$|\bno\s+(?:such\s+)?(?:thoughts?|intentions?|plans?|desire|urges?)\s+(?:of|to|about)\s*$"),
    first_person=re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|myself)\b"),
    third_person=re.compile(
        r"\b(?:soldier|man|woman|guy|girl|boy|lady|kid|child|author|poet|writer|sailor|captain|teacher|student|neighbou?r|"
        r"stranger|patient|client|victim|he|she|they|him|her|them|his|their|he's|she's|they're|you|your|friend|brother|sister|mom|mum|mother|"
        r"dad|father|son|daughter|cousin|boyfriend|girlfriend|partner|husband|wife|roommate|classmate|coworker|"
        r"colleague|pharmacist|nurse|doctor|therapist|someone|somebody|character|villain|hero|heroine|protagonist|knight|detective|people|"
        r"princess|prince|king|queen|narrator)\b"),
    past=re.compile(
        r"\b(?:at\s+(?:1\d|(?:thir|four|fif|six|seven|eigh|nine)teen)|(?:years?|months?)\s+later|used to|years ago|months ago|back then|back in|when i was (?:younger|a kid|a teen\w*|little|in|\d+|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty\w*)|"
        r"in high school|in middle school|in college|as a teen\w*|as a kid|in my teens|in my twenties|(?:\bi|\bwe|\bhe|\bshe|\bthey)\s+once\b|once\s+(?:tried|attempted|cut|took|wanted|thought|did|had|was|were|overdosed|swallowed)\b|"
        r"(?:clean|free) (?:from|of)|(?:years|months) clean|clean for|in the past|long ago|no longer)\b"),
    fiction=re.compile(
        r"\b(?:battle|war|army|kingdom|dragon|castle|legend|once upon|chapter|novel|story|stories|villain|hero|heroine|protagonist|character|plot|scene|movie|film|book|"
        r"episode|series|show|game|fiction|fanfic|documentary|article|news|podcast|prevention|awareness|"
        r"statistics|squad|detective|play|script|poem|lyrics|song|songs|singing|sang|humming|hummed|playlist|on repeat|album|"
        r"karaoke|chorus|anime|manga|drama|season)\b"),
    joke=re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|just kidding|xd)\b|[😂🤣💀😅😆🙃]"),
    clause_break=re.compile(r"[,;:()]|\bbut\b|\bnow\b|\band now\b|\bthough\b|\balthough\b|\bbecause\b"),
    recovered=re.compile(
        r"\b(?:i'm|i\s+am)\s+(?:\d+|twenty|thirty|forty|fifty)[\w-]*\s+now\b|\blife\s+is\s+(?:good|better|okay|ok|beautiful)\b|"
        r"\b(?:got|getting|am\s+getting)\s+better\b|\b(?:i'm|i\s+am)\s+(?:doing\s+)?(?:better|okay|ok|fine|well)\s+now\b|"
        r"\b(?:therapy|treatment|meds|medication|time|she|he|they|it)\s+(?:changed|helped\s+with|saved|fixed)\s+(?:that|me|it)\b|"
        r"\bglad\s+i\s+(?:stayed|didn't|am\s+still\s+here|held\s+on|survived)\b|\b(?:clean|free)\s+(?:for|since)\b|"
        r"\b(?:years?|months?|a\s+decade)\s+(?:clean|free|since)\b|\bbeen\s+over\s+(?:a|\w+)\s+(?:decade|years?|months?)\b|"
        r"\bit\s+passed\b|\b(?:it's|that's|it\s+is)\s+(?:over|behind\s+me)\b|\bnot\s+in\s+that\s+(?:dark\s+)?place\s+anymore\b|"
        r"\bhaven't\s+(?:had|felt|cut|done)\s+(?:that|those|it|anything\s+like\s+that)\b.{0,20}\b(?:in|for|since)\b|"
        r"\b(?:proud\s+of\s+(?:myself|how\s+far)|how\s+far\s+i've\s+come|i\s+recovered|in\s+recovery|survived\s+it|made\s+it\s+through)\b"),
    hyperbole=re.compile(
        r"\bif\s+i\s+(?:have|had|need|'ve\s+got|got)\s+to\s+(?!live|keep\s+living|go\s+on|wake|exist|be\s+alive|feel|face|survive|endure|"
        r"go\s+through|spend|deal\s+with\s+(?:this|life)|see\s+(?:him|her|them)|go\s+back|return|be\s+(?:with|near|around)|"
        r"sleep\s+(?:with|next)|let\s+(?:him|her|them)|hear\s+(?:him|her|them)|talk\s+to\s+(?:him|her|them))"
        r"(?![^.]*\blike\s+(?:this|that)\b)\w+"
        r".{0,50}?\b(?:one\s+more|another|again|any\s*more)\b(?!\s+(?:night|day|morning|week|month|year)s?\b)"),
)
