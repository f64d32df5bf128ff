"""English rules for self-harm and for the risk STATES around suicidal thinking: burden, hopelessness, entrapment.

The interpersonal and integrated motivational-volitional models of suicide
name these states (feeling a burden, feeling trapped, seeing no future) as
what turns distress into danger; the C-SSRS categories of suicidal ideation
and behaviour (a wish to die, thoughts, method, intent, plan, preparation) are
in :mod:`journal.safety.rules_en`, which adds these to its ``RULES``. Kept
apart only so each file reads as one list a reviewer can hold in mind.
"""

from __future__ import annotations

from journal.safety.rules import rule

# Words that turn "die" into hyperbole when they follow it: "die of embarrassment", "die for dumplings".
_DIE_HYPERBOLE = (r"of\b|from\b|for\b|laughing|happy|inside|a little|in peace|in my sleep|old\b|"
                  r"without\b|before\b|in (?:a|an|the)\b|on (?:a|an|the)\b|with\b")

# Contexts where hurting oneself was an accident, not an act.
_ACCIDENT = (r"\b(?:accident\w*|by mistake|while (?:cooking|chopping|shaving|slicing|cutting|making|baking|"
             r"ironing|opening)|chopping|slicing|shaving|paper cut|on the (?:stove|oven|pan|iron|kettle|grill)|"
             r"at the gym|playing|tripped|slipped|fell\b|skiing|running|lifting|knife slipped|cooking|"
             r"making (?:pancakes|dinner|lunch|breakfast|tea|coffee)|my (?:knee|ankle|back|wrist) is)")

STATE_TRIGGER = r"last time|decided on|settled on|chose on|picked on|vein|arter|charcoal|calculat|walk off|meant to be|supposed to be|afterwards|relapse|universe|lord"
"""Stems of the round-7 rules here that the English trigger in rules_en.py did not already hold."""

STATE_RULES = (
    # --- self-harm: cutting, burning, hitting oneself, the urge to, fresh wounds ------------------
    rule("self_harm", "crisis",
         r"\b(?:cut|cutting|burn|burned|burnt|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing|scratch|"
         r"scratching|bruise|bruising)\s+myself\b",
         unless_after=r"for\b|over\b|laughing|on\s+(?:the|a)\b|shaving|cooking|out\b", unless_sentence=_ACCIDENT,
         subject_sensitive=False),
    rule("self_harm", "crisis", r"\bself[\s-]?harm(?:ing|ed)?\b|\bself[\s-]?injur\w*",
         needs_sentence=r"\b(?:i|i'm|im|i've|ive|my|me|again|urges?|relaps\w*|tonight|today|started|keep)\b"),
    rule("self_harm", "crisis",
         r"\b(?:cut|cutting|scratch(?:ed|ing)?|burn(?:ed|t|ing)?|carv(?:e|ed|ing)|hit|hitting|punch(?:ed|ing)?|slash(?:ed|ing)?)\s+"
         r"(?:into\s+)?my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b",
         unless_after=r"on\b|while\b|by accident|accidentally|against\b", unless_sentence=_ACCIDENT, subject_sensitive=False),
    rule("self_harm", "crisis", r"\buntil\s+(?:they|it|i)\s+bled\b", unless_sentence=_ACCIDENT),
    rule("self_harm", "crisis",
         r"\b(?:use|using|used)\s+(?:it|the blade|a blade|the knife|a knife|the razor|a razor|the lighter)\s+on\s+myself\b",
         subject_sensitive=False),
    rule("self_harm", "crisis", r"\b(?:cutting|self-harming)\s+again\b|\b(?:started|start|stop|stopped)\s+cutting\b(?!\s+(?:the|my hair|out|down|back|corners|carbs|sugar))"),
    rule("self_harm", "crisis",
         r"\burges?\s+to\s+(?:cut|self[\s-]?harm|hurt\s+myself|burn\s+myself|harm\s+myself)\b", subject_sensitive=False),
    rule("self_harm", "concern", r"\bstarv(?:e|ing)\s+myself\b", subject_sensitive=False),
    rule("self_harm", "crisis", r"\b(?:fresh|new)\s+(?:cuts|wounds|burns)\b|\bhid\w*\s+(?:the\s+|my\s+)?(?:cuts|wounds|burns|scars)\b",
         needs_sentence=r"\b(?:my|myself|sleeves?|again|i)\b",
         unless_sentence=r"\b(?:beef|meat|butcher|steak|flowers?|hair|lumber|pork|lamb)\b"),
    rule("self_harm", "concern", r"\bscars?\s+on\s+my\s+(?:wrists?|arms?|thighs?|legs?)\b", subject_sensitive=False, sign="old_scars"),
    rule("self_harm", "concern",
         r"\b(?:haven't|have not|hasn't|has not)\s+(?:cut|self-harmed|hurt\s+myself|burned\s+myself)\s+(?:in|for|since)\b",
         subject_sensitive=False, sign="old_scars"),
    # --- feeling a burden: others would be better off without the writer --------------------------
    rule("burden", "crisis",
         r"\b(?:everyone|everybody|the world|my family|my parents|people|they|you all|all of you|my friends|my kids)\s+"
         r"(?:would|will|'d)\s+(?:\w+\s+)?be\s+(?:better|fine|okay|ok|alright|happier)\s+(?:off\s+)?without\s+me\b", subject_sensitive=False,
         unless_sentence=r"\b(?:for\s+(?:a|the|one|two|three|\d+)\s+\w+|while\s+i'm|vacation|holiday|trip|leave|shift|weekend|tonight|"
                         r"today|tomorrow|party|meeting|game|match|team|office|class|project|dinner|lunch|event|wedding|there)\b"),
    rule("burden", "crisis", r"\b(?:world|everyone|everybody)\s+(?:would be|will be|is|'d be)\s+better\s+(?:off\s+)?without\s+me\b",
         subject_sensitive=False),
    rule("burden", "crisis",
         r"\b(?:would|will|'d)\s+(?:\w+\s+)?be\s+better\s+(?:off\s+)?(?:\w+\s+)?if\s+i\s+(?:wasn't|was not|weren't|were not|was|were)\s+(?:around|here|alive|dead|gone)\b",
         subject_sensitive=False),
    rule("burden", "concern", r"\bbetter\s+off\s+without\s+me\b", subject_sensitive=False),
    rule("burden", "concern",
         r"\b(?:i'm|i am|im|i feel like|feel like|i've become|i have become)\s+(?:such\s+|just\s+|nothing but\s+|only\s+)?a\s+burden\b",
         subject_sensitive=False),
    rule("burden", "crisis",
         r"\b(?:better|easier)\s+(?:off\s+)?(?:for\s+(?:everyone|everybody|them|all of them|my family)\s+)?if\s+i(?:'m|\s+am)?\s+"
         r"(?:not|wasn't|weren't|no\s+longer)\s+(?:in\s+it|in\s+the\s+world|here|around|alive|in\s+their\s+lives)\b",
         soften_sentence=r"\b(?:when|while|meeting|party|office|room|dinner|kitchen|call|tonight)\b", subject_sensitive=False),
    rule("burden", "crisis",
         r"\b(?:would|will|'d)\s+(?:all\s+)?be\s+(?:so\s+much\s+|much\s+|a\s+lot\s+)?(?:happier|better|easier)\s+(?:off\s+)?(?:\w+\s+)?"
         r"(?:without\s+me(?:\s+around)?|if\s+i\s+(?:died|was\s+gone|were\s+gone|disappeared|killed\s+myself))\b",
         subject_sensitive=False),
    rule("burden", "concern", r"\b(?:all\s+i\s+(?:ever\s+)?do\s+is|i\s+only|i\s+always|i\s+just)\s+(?:cause|bring|make)\s+(?:trouble|problems|pain|misery)\b",
         subject_sensitive=False),
    # --- hopelessness: no future, no point, nothing will get better -------------------------------
    rule("hopelessness", "concern",
         r"\b(?:feel|feeling|felt|i'm|i am|im|so|completely|totally|utterly|just)\s+(?:so\s+|completely\s+|totally\s+)?hopeless\b",
         unless_after=r"at\b|with\b|romantic|case\b|when it comes"),
    rule("hopelessness", "concern", r"\bno\s+hope\s+(?:left|anymore|any more)\b"),
    rule("hopelessness", "concern",
         r"\bnothing\s+(?:is\s+)?(?:ever\s+)?(?:going to|gonna|will)\s+(?:ever\s+)?(?:get|be)\s+(?:better|ok|okay|alright)\b"),
    rule("hopelessness", "concern", r"\b(?:will|'ll|is going to|is gonna)\s+never\s+get\s+better\b"),
    rule("hopelessness", "concern", r"\bwhat'?s\s+the\s+point\s+(?:of\s+(?:anything|it all|trying|everything|any of it)|anymore)\b"),
    rule("hopelessness", "concern", r"\beverything\s+(?:feels|is|seems)\s+(?:so\s+)?(?:pointless|meaningless)\b"),
    rule("hopelessness", "concern", r"\bnothing\s+matters\s+(?:anymore|any more)\b"),
    rule("hopelessness", "concern",
         r"\b(?:don't|do not|can't|cannot|dont|cant)\s+see\s+(?:the|any)\s+point\s+(?:anymore|any more|in\s+(?:anything|trying|going on)|of\s+(?:anything|trying|going on))"),
    rule("hopelessness", "concern", r"\b(?:don't|can't|do not|cannot|dont|cant)\s+see\s+(?:a|any)\s+future\b"),
    rule("hopelessness", "concern",
         r"\b(?:don't|do not|can't|cannot)\s+see\s+how\s+(?:things|it|this|life|anything)\s+(?:will|could|can|is going to)\s+"
         r"(?:ever\s+)?(?:get|be)\s+(?:better|okay|ok|alright)\b"),
    # --- entrapment: trapped, no way out, can't go on, wanting the pain to stop -------------------
    rule("entrapment", "concern", r"\bend\s+of\s+my\s+(?:rope|tether)\b", subject_sensitive=False, sign="overwhelmed"),
    rule("entrapment", "concern", r"\b(?:exhausted|tired|sick|worn out)\s+(?:by|of|with)\s+(?:life|everything|it all)\b",
         unless_after=r"(?:and|but)\s+(?:happy|good)", sign="overwhelmed"),
    rule("entrapment", "concern", r"\b(?:feel|feeling|felt)\s+(?:so\s+)?trapped\b", sign="hopelessness"),
    rule("entrapment", "concern", r"\bcan(?:'t|not|t)\s+go\s+on\b",
         unless_after=r"the\b|a\b|that\b|this trip|vacation|holiday|tour|stage|with\s+(?:the|this|that)|without\s+(?:coffee|my)", sign="overwhelmed"),
    rule("entrapment", "concern", r"\bcan(?:'t|not|t)\s+(?:take|handle|bear)\s+(?:it|this|any\s*more)\s*(?:anymore|any more)?\b(?!\s+(?:to|with|home|off|out))", sign="overwhelmed"),
    rule("entrapment", "concern", r"\bcan(?:'t|not|t)\s+(?:do|keep doing)\s+this\s+(?:anymore|any more)\b", sign="overwhelmed"),
    rule("entrapment", "concern", r"\bcan(?:'t|not|t)\s+(?:keep going|live like this|carry on)\b", sign="overwhelmed"),
    rule("entrapment", "concern", r"\b(?:want|need)\s+(?:the|this|all the|all this)\s+pain\s+to\s+(?:stop|end|go away)\b", sign="pain_stop"),
    rule("entrapment", "concern", r"\bwant\s+it\s+(?:all\s+)?to\s+(?:stop|end|be over)\b", sign="pain_stop"),
    rule("entrapment", "crisis",
         r"\b(?:dying|death|suicide|killing\s+myself|ending\s+it|to\s+die)\b.{0,30}?\b(?:only|last)\s+(?:way\s+out|escape|option|answer|solution|choice)\b|"
         r"\b(?:only|last)\s+(?:way\s+out|escape|option|answer|solution)\b.{0,30}?\b(?:die|dying|death|suicide|kill\s+myself|end\s+it)\b"),
    rule("entrapment", "concern", r"\bno\s+way\s+out\b", unless_sentence=r"\b(?:traffic|parking|maze|escape room|game|level)\b",
         sign="hopelessness"),
    rule("entrapment", "concern", r"\b(?:can't|cannot|don't|do not)\s+see\s+(?:any|a)\s+way\s+out\b", sign="hopelessness"),
    rule("entrapment", "crisis", r"\b(?:death|dying|suicide)\s+(?:is|seems|feels\s+like)\s+(?:the\s+|my\s+)?only\s+(?:way|escape|option)\b"),
    # --- quieter distress that is no category of its own (concern only): numbness, self-hatred, isolation ---
    rule("distress", "concern", r"\bhate\s+(?:who|what)\s+i(?:'ve|\s+have)?\s+(?:am|become)\b", subject_sensitive=False, sign="self_worth"),
    rule("distress", "concern", r"\ba\s+waste\s+of\s+(?:space|oxygen|air|a life|skin)\b", sign="self_worth"),
    rule("distress", "concern", r"\bi\s+(?:really\s+|just\s+)?hate\s+myself\b", unless_after=r"for\b|when\b|sometimes for\b",
         subject_sensitive=False, sign="self_worth"),
    rule("distress", "concern",
         r"\b(?:i'm|i am|im|feel|feeling|felt)\s+(?:so\s+|completely\s+|totally\s+|utterly\s+|just\s+)?(?:worthless|useless|a failure)\b",
         unless_after=r"at\b|with\b|in the kitchen|in the morning", sign="self_worth"),
    rule("distress", "concern", r"\b(?:wish|want|wanted)\s+(?:i\s+could\s+|to\s+)?(?:just\s+)?(?:disappear|vanish)\b",
         unless_sentence=r"\b(?:embarrass\w*|awkward|cringe\w*|blush\w*|mortified)\b|"
                         r"\bfor\s+(?:a|the|one|two|three|\d+)\s+(?:\w+\s+)?(?:while|day|days|week|weeks|weekend|month|months|summer|year)\b|"
                         r"\b(?:cabin|island|beach|vacation|holiday|trip|retreat|off\s+the\s+grid)\b", sign="disappear"),
    rule("distress", "concern",
         r"\b(?:nobody|no one|no-one)\s+(?:would|will|'d)\s+(?:even\s+)?(?:notice|care|miss me)\b", subject_sensitive=False, sign="isolation"),
    rule("distress", "concern", r"\bnobody\s+(?:cares about|loves|wants)\s+me\b", subject_sensitive=False, sign="isolation"),
    rule("distress", "concern", r"\b(?:feel|feeling|felt)\s+(?:so\s+|completely\s+)?(?:empty|numb|dead inside)\b", sign="numbness"),
    rule("distress", "concern", r"\bwish\s+i\s+(?:had|'d)\s+never\s+been\s+born\b", subject_sensitive=False, sign="death_thoughts"),
    rule("distress", "concern", r"\bthink(?:ing)?\s+about\s+(?:death|dying)\s+(?:a lot|all the time|constantly|every day)\b", sign="death_thoughts"),
    rule("distress", "concern", r"\b(?:can't stop|cannot stop|keep|kept)\s+thinking\s+about\s+(?:death|dying|being dead)\b", sign="death_thoughts"),
    rule("distress", "concern", r"\b(?:would|will)\s+(?:anyone|anybody)\s+(?:even\s+)?(?:notice|care|miss me)\b", subject_sensitive=False, sign="isolation"),
    rule("distress", "concern",
         r"\b(?:nobody|no one|no-one)\s+(?:even\s+)?(?:notices|cares|sees\s+it|sees\s+me|understands)"
         r"(?=\s*(?:[.!?…,;]|$|and\b|but\b))", sign="isolation"),
    rule("distress", "concern",
         r"\b(?:can't|cannot|don't|do not)\s+(?:remember\s+the\s+last\s+time\s+i\s+)?(?:felt|feel)\s+anything\b"
         r"(?!\s+(?:in|on|at|for|from|but|about|when))", sign="numbness"),
    # --- round 7: no reason left to live, said in any of its common shapes (hopelessness about living itself) ---
    rule("hopelessness", "crisis",
         r"\b(?:no|not\s+(?:one|a)(?:\s+single)?|(?:can't|cannot|couldn't|can not)\s+(?:find|think\s+of|see)\s+"
         r"(?:one|a|any)(?:\s+single)?)\s+reasons?\s+(?:left\s+)?(?:to|for)\s+(?:keep\s+|go\s+on\s+|me\s+to\s+)?"
         r"(?:living|live|stick(?:ing)?\s+around|stay(?:ing)?\s+(?:alive|around|here)|be(?:ing)?\s+alive)\b", sign="suicidal_ideation"),
    rule("hopelessness", "crisis", r"\bnothing\s+(?:left\s+)?(?:worth|to)\s+liv(?:e|ing)\s+for\b", sign="suicidal_ideation"),
    rule("hopelessness", "crisis", r"\b(?:lost|losing|lose)\s+(?:the|my|all)\s+(?:will|wish|desire)\s+to\s+live\b",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bstop\s+living\b(?!\s+(?:in|for|like|with|as|under|on|off|out|at|here|there|"
         r"together|alone|so|this|that|paycheck|a\s+lie|a\s+double|through|vicariously))", sign="suicidal_ideation"),
    rule("entrapment", "crisis", r"\b(?:the\s+)?(?:one|way|exit|door|trip|kind|escape(?:\s+hatch)?)\s+(?:that\s+)?you\s+"
         r"(?:don't|do not|never|can't|cannot)\s+come\s+back\s+from\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:universe|god|lord|death)\s+(?:to\s+)?(?:just\s+|please\s+)?take\s+me\b"
         r"(?!\s+(?:back|home|to|there|with|out|away|seriously|for|somewhere|places))", sign="suicidal_ideation"),
    rule("intent", "crisis", r"\b(?:don't|do not|not)\s+plan(?:ning)?\s+on\s+(?:being|still\s+being)\s+(?:around|here|alive)\b",
         sign="suicidal_ideation"),
    rule("plan", "crisis", r"\bknow\s+(?:exactly\s+)?(?:how\s+and\s+when|when\s+and\s+how|where\s+and\s+when|when\s+and\s+where)\b"
         r"(?!\s+to\s+(?:use|say|ask|apply|plant|water|feed))", sign="plan"),
    rule("entrapment", "crisis", r"\bno\s+way\s+out\s+(?:except|but|other\s+than|besides)\s+(?:one|that\s+one|death|dying|the\s+one)\b",
         sign="suicidal_ideation"),
    rule("method", "crisis", r"\b(?:charcoal|bbq\s+coals?)\b",
         needs_sentence=r"\bnot\s+for\s+(?:a\s+|the\s+)?(?:barbecue|bbq|grill\w*|cookout)\b|"
                        r"\b(?:no|don't\s+(?:have|own)\s+a|never\s+use\s+a)\s+(?:grill|barbecue|bbq)\b",
         needs_nearby=True),
    rule("method", "crisis", r"\bwhich\s+(?:veins?|arter(?:y|ies)|dose|overdose)\b[^.]{0,30}?"
         r"\b(?:fastest|quickest|painless\w*|deadliest|lethal|surest)\b"),
    rule("method", "crisis", r"\bcalculat\w*\s+(?:the\s+)?(?:fall|drop|height|distance\s+down)\b",
         needs_sentence=r"\b(?:railing|balcon\w*|roof\w*|ledge|bridge|window|edge|cliff|building|storey|fall)\b",
         needs_nearby=True),
    rule("suicidal_thoughts", "crisis", r"\blong\s+walk\s+off\s+a\s+short\s+(?:bridge|pier|cliff|roof|ledge)\b",
         needs_sentence=r"\bfor\s+real\b|\bseriously\b|\bnot\s+(?:joking|kidding)\b|\bactually\b|\bthis\s+time\b"),
    rule("preparation", "crisis", r"\bnot\s+(?:meant|supposed)\s+to\s+be\s+(?:opened|read|seen)\s+yet\b|"
         r"\bfor\s+afterwards\b",
         needs_sentence=r"\b(?:letters?|notes?|envelopes?|messages?|videos?|drafts|sealed)\b", needs_nearby=True,
         subject_sensitive=False, sign="farewell"),
    rule("preparation", "crisis", r"\b(?:the\s+)?last\s+time\s+(?:i'll|we'll|i\s+will|we\s+will|i'm\s+going\s+to)\s+(?:ever\s+)?"
         r"(?:talk|speak|chat|write)(?:\s+(?:to|with)\s+you)?(?=\s*(?:[.!…]|$|,?\s*(?:thank|goodbye|bye|i\s+love)))",
         subject_sensitive=False, sign="final_words"),
    rule("plan", "crisis", r"\b(?:decided|settled|chose|picked)\s+on\s+(?:the\s+)?(?:pills|rope|bridge|method|roof|tracks|overdose)\b"
         r"(?!\s+(?:loan|financing|club|game|design|for\s+(?:the|my|our)\s+(?:trip|project|model)))",
         unless_sentence=r"\b(?:wedding|photos?|pictures?|photoshoot|picnic|venue|ceremony)\b", sign="plan"),
    # --- round 7: self-harm again, told as a relapse (the wound named, or the clean streak broken) -------
    rule("self_harm", "crisis", r"\b(?:i\s+)?(?:cut|burned|burnt|scratched)\s+(?:myself\s+)?again\b",
         needs_sentence=r"\b(?:deeper|blood|bleed\w*|arms?|wrists?|thighs?|skin|scars?|blade|razor|myself)\b|^\W*(?:i\s+)?cut\s+again\b",
         unless_sentence=_ACCIDENT + r"|\bhair\b|\bbangs\b|\bnails\b|\bgrass\b|\blawn\b|\bcoupons?\b|\bbudget\b",
         subject_sensitive=False, sign="self_harm"),
    rule("self_harm", "crisis", r"\brelapsed\b",
         needs_sentence=r"\b(?:clean|cut\w*|self[-\s]?harm\w*|thighs?|arms?|wrists?|scars?|blade|razor|barcode|bleed\w*)\b",
         unless_sentence=r"\b(?:drink\w*|alcohol|smok\w*|vap\w*|sugar|diet|caffeine|coffee|gambl\w*|weed|cigarettes?|phone|detox|screens?|social\s+media|gaming|junk\s+food|chocolate|shopping)\b",
         needs_nearby=True, sign="self_harm"),
    # --- someone else at risk (concern): the panel helps a worried friend too ---------------------
    rule("someone_else_at_risk", "concern",
         r"\b(?:kill|killing|kills|hurt|hurting|hurts|cut|cutting|cuts)\s+(?:himself|herself|themselves|themself)\b"),
    rule("someone_else_at_risk", "concern", r"\b(?:talk|talks|talking|talked)\s+about\s+(?:suicide|killing|dying|ending)\b"),
    rule("someone_else_at_risk", "concern", r"\b(?:he|she|they)\s+(?:is|was|are|seems|seemed)\s+suicidal\b"),
    rule("someone_else_at_risk", "concern",
         r"\bwants\s+to\s+(?:die|end\s+(?:his|her|their)\s+life)\b", unless_after=_DIE_HYPERBOLE),
    rule("someone_else_at_risk", "concern", r"\b(?:doesn't|does not|don't|do not)\s+want\s+to\s+(?:live|be alive|exist)\s+(?:anymore|any more)\b"),
    rule("someone_else_at_risk", "concern",
         r"\b(?:going\s+to|gonna|will|plans?\s+to|planning\s+to|wants?\s+to|trying\s+to|tried\s+to|threaten\w*\s+to)\s+"
         r"(?:end\s+(?:his|her|their)\s+(?:own\s+)?life|kill\s+(?:himself|herself|themselves))\b"),
    rule("someone_else_at_risk", "concern",
         r"\b(?:found|find|finding|read)\s+(?:a|an|his|her|their)\s+(?:suicide|goodbye)\s+(?:note|letter)\b"),
)
