"""English warning signs written as word FAMILIES, not phrases: who + wants/means/plans + a way of dying.

The phrase rules in :mod:`journal.safety.rules_en` catch wording they were
written for and little else (round 2 scored 0.58 crisis recall on unseen
sentences). These rules combine small vocabularies instead: a desire or an
intent ("want to", "ready to", "decided to", "the urge to") with any way of
saying the writer's own death ("die", "not wake up", "end it all", "off
myself", "leave this world"); a thought verb with the same deaths as gerunds
("thinking about ending my life"); a means (pills, a rope, a blade, a height)
with a sign of purpose (hidden, counted, enough, lethal, "what it's for"); a
relief for others with the writer gone. Negation, jokes, the past, other
people and fiction are still handled once by :mod:`journal.safety.assess`.
"""

from __future__ import annotations

from journal.safety.rules import rule

# The writer's own death, as an infinitive after "want to", "ready to", "going to".
_ACTIVE_END = (r"kil+\s+my\s*self|(?:kill|off|unalive|hang|drown|shoot|poison|gas|hurt)\s+myself|swerve\s+into|step\s+in\s+front\s+of|"
               r"drive\s+(?:my\s+car\s+)?(?:off|into)\s+(?:the|a|oncoming)|jump\s+(?:off|in\s+front)|end\s+(?:it(?:\s+all)?|everything|things|my\s+(?:own\s+)?life|"
               r"myself|this\s+life|my\s+existence)|take\s+my\s+(?:own\s+)?life|commit\s+suicide|"
               r"leave\s+this\s+(?:world|life|earth|planet)|check\s+out\s+(?:for\s+good|permanently)|go\s+through\s+with\s+it")
_PASSIVE_END = (r"die|be\s+dead|be\s+gone\b(?!\s+(?:for\s+(?:a|the|two|three|\d)|by|until|till|from|on|over))|"
                r"be\s+(?:in|under)\s+the\s+ground|be\s+six\s+feet\s+under|log\s+off\s+(?:from\s+)?(?:life|this\s+world|permanently|for\s+good|forever)|"
                r"not\s+be\s+here\b(?!\s+(?:for|at|on|in|when|tomorrow|today|tonight|next|by))|not\s+(?:be\s+)?(?:alive|here\s+anymore|exist|wake\s+up)|"
                r"never\s+wake\s+up|stop\s+(?:living|existing|breathing|being\s+alive)|cease\s+to\s+exist|"
                r"(?:go\s+to\s+)?sleep\s+(?:forever|for\s+good|and\s+(?:never|not)\s+wake)|disappear\s+(?:for\s+good|forever|permanently)|"
                r"quit\s+(?:life|living|being\s+alive|existing)|be\s+done\s+with\s+(?:life|living|being\s+alive)")
# "want to", "wish I could", "ready to", "the urge to": a wish, with up to two filler words before the verb.
_WISH = (r"(?:want(?:ed|s)?\s+to|wanna|wish(?:ed)?\s+(?:i\s+could|i'd|i\s+would|i\s+might|to)|hop(?:e|ing)\s+to|long(?:ing)?\s+to|need\s+to|ready\s+to|"
         r"(?:'d|would)\s+(?:\w+\s+)?(?:like|love|prefer)\s+to|(?:'d|would)\s+(?:\w+\s+)?rather|(?:relieved|glad|grateful)\s+to|tempted\s+to|urges?\s+to|can't\s+wait\s+to|pray(?:ing)?\s+to|"
         r"desperate\s+to|just\s+want\s+to)")
_INTENT = (r"(?:going\s+to|gonna|will|'ll|plan(?:ning)?\s+to|decided\s+to|about\s+to|intend\s+to|mean\s+to|try(?:ing)?\s+to|"
           r"(?:can|could)\s+finally|have\s+to|ready\s+to)")
_FILLER = r"(?:(?:just|finally|really|actually|honestly|simply|quietly|go|and|even|seriously|truly|slowly)\s+){0,3}"
# The same deaths as gerunds after a thought: "thinking about ending my life".
_END_GERUND = (r"(?:killing|offing|unaliving|hanging|drowning|shooting|poisoning)\s+myself|ending\s+(?:it(?:\s+all)?|my\s+(?:own\s+)?life|"
               r"everything|things|myself)|taking\s+my\s+(?:own\s+)?life|(?:my\s+own\s+)?(?:suicide|sucide|suicde|suiside)|kil+ing\s+my\s*self|my\s+(?:own\s+)?death|"
               r"not\s+(?:being\s+)?(?:alive|here\s+anymore|existing|waking\s+up)|never\s+waking\s+up|being\s+dead|"
               r"jumping\s+(?:off|from|in\s+front)|overdosing|driving\s+(?:my\s+car\s+)?(?:off|into)\s+(?:it|the\s+\w+|a\s+\w+|oncoming)|"
               r"crashing\s+(?:my\s+car|the\s+car|into)|stepping\s+(?:off|out|in\s+front)|(?:my\s+)?(?:wrists?|veins|throat)")
_THOUGHT = (r"(?:think\w*|thought|thoughts|fantasi[sz]\w*|daydream\w*|dream\w*|imagin\w*|obsess\w*|consider\w*|contemplat\w*|"
            r"comfort\w*|urges?|plann?\w*|research\w*|romantici[sz]\w*|google\w*|idea)")
_DEATH_WORD = (r"\b(?:die|dying|dead|death|suicid\w*|kill(?:ing)?\s+myself|end(?:ing)?\s+(?:it(?:\s+all)?|my\s+life)|alive|"
               r"not\s+(?:be\s+)?here|take\s+my\s+life|overdos\w*)\b")
_NOT_ME = r"\b(?:character|villain|hero|heroine|protagonist|novel|story|film|movie|show|game|song|lyrics|news|article)\b"
_MEANS = (r"(?:knife|knives|oxy\w*|xanax|benzos?|opioids?|fentanyl|morphine|sleeping\s+pills|pills|tablets|meds|medication|antidepressants|painkillers|insulin|paracetamol|tylenol|"
          r"rope|noose|razor\s*blades?|razors?|blades|gun|pistol|revolver|bullets?|charcoal|pesticide|poison|bleach)")
_PURPOSE = (r"\b(?:enough|lethal|fatal|deadly|overdose|hid|hidden|hiding|stash\w*|stockpil\w*|hoard\w*|secret\w*|nobody knows|"
            r"no one knows|what (?:it's|it is|they're|they are) for|just in case|waiting|ready|for when|when the time comes|"
            r"the day|all of them|whole bottle|weeks|months|keep (?:looking at|thinking)|can't stop (?:looking|thinking)|"
            r"i know (?:what|why|where)|you know (?:what|why))\b")
_EVERYDAY_MEANS = (r"\b(?:prescri\w*|pharmac\w*|nurse|refill\w*|doctor|vet|dog|cat|camping|climb\w*|boat|sailing|swing|garden\w*|hunting|"
                   r"range|hardware|shaving|shave|cooking|headache|flu|cold|fever|hangover|allerg\w*|period|cramps)\b")
_HEIGHT_OR_TRACK = r"\b(?:platform|tracks|railway|bridge|roof|rooftop|ledge|balcony|cliffs?|edge|railing|overpass|window|parapet)\b"
_SCENERY = (r"\b(?:view|photo\w*|selfie|sunset|sunrise|scenery|pictures?|bungee|diving|dive|pool|swim\w*|tour\w*|hike|hiking|"
            r"vacation|holiday|trip|train\s+was\s+late|commute|lake|summer|fun|we|us|our)\b")
_GONE = (r"(?:died|was\s+dead|were\s+dead|was\s+gone|were\s+gone|wasn't\s+(?:here|around|alive)|weren't\s+(?:here|around|alive)|"
         r"was\s+no\s+longer\s+(?:here|around|alive)|disappeared(?!\s+for\s+(?:a|the|an)\b)|vanished|didn't\s+exist|never\s+existed|"
         r"was\s+never\s+born|killed\s+myself|left\s+for\s+good)")
_ACCIDENT = (r"\b(?:accident\w*|by mistake|nearly|almost|glass|cleaning|while|cooking|chopping|slicing|shaving|kitchen|stove|oven|kettle|iron|tripped|slipped|fell|"
             r"bumped|skateboard|bike|football|rugby|game|gym)\b")
_EMBARRASSED = r"\b(?:embarrass\w*|awkward|cringe\w*|mortif\w*|blush\w*|humiliat\w*|on the spot|in front of (?:the|my|everyone))\b"

FAMILY_RULES = (
    # --- wish to be dead / thoughts: a wish or an intent + any way of saying one's own death -------
    rule("wish_to_be_dead", "crisis", r"\b" + _WISH + r"\s+" + _FILLER + r"(?:" + _PASSIVE_END + r")\b",
         unless_after=r"(?:of|from|for|laughing|happy|inside|a little|in peace|old|on the spot|right there|right then|"
                      r"with|when|if|in (?:a|an|the)|on (?:a|an|the)|at (?:work|school|the)|over\s)\b",
         unless_sentence=_EMBARRASSED + r"|\brather\s+(?:die|be\s+dead)\s+than\s+(?:eat|watch|sit|wear|listen|admit|lose|apologi\w*|call|text|sing|"
                                        r"dance|go\s+to\s+(?:the|that|this|a)\s+\w+)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:" + _WISH + r"|" + _INTENT + r")\s+" + _FILLER + r"(?:" + _ACTIVE_END + r")\b",
         unless_after=r"(?:with|between|on\s+(?:a|the)|for\s+(?:the|a)|already|early|here\b|at\s+work)",
         unless_sentence=r"\b(?:relationship|him|her|contract|subscription|lease|series|game|chapter|season|streak|argument|"
                         r"conversation|call|meeting|debate|fight|feud|project|marriage|friendship)\b",
         sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b" + _THOUGHT + r"\s+(?:\w+\s+){0,3}?(?:about|of|on|in|with)?\s*(?:" + _END_GERUND + r")\b",
         unless_sentence=r"\b(?:prevention|awareness|rates?|statistics|hotline|volunteer\w*|training|research paper|lecture|class|"
                         r"course|thesis|essay)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\bsuicid\w*\b.{0,40}?\b(?:on my mind|in my head|my brain|crossing my mind|crosses my mind|won't leave|keeps?\s+(?:coming|popping|creeping)|"
         r"the (?:obvious|only|best|easiest) (?:answer|option|way|choice|thing)|only\s+thing\s+i\s+(?:have|can)|sounds?\s+(?:good|nice|peaceful|tempting)|tempting|calling me|appealing|"
         r"looking (?:good|better|like))",
         unless_sentence=r"\b(?:prevention|awareness|rates?|statistics|hotline|volunteer\w*|training|squad)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:permanent|final)\s+(?:solution|exit|sleep|way\s+out|escape)\b|\bthe\s+big\s+sleep\b|\bctb\b|"
         r"\bcatch\s+the\s+bus\b(?=.*\b(?:for good|permanent|forever|ready|soon)\b)",
         needs_sentence=r"\b(?:i|i'm|im|me|my|myself)\b", unless_sentence=r"\b(?:hair|dye|marker|ink|glue|tattoo|fix|bug|problem|issue)\b",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:wouldn't|would not|don't|do not|wont|won't)\s+(?:mind|care)\s+(?:if\s+i\s+(?:just\s+)?(?:died|didn't\s+exist|did\s+not\s+exist|stopped\s+existing|"
         r"wasn't\s+here|were\s+gone|was\s+gone|never\s+woke\s+up|didn't\s+wake\s+up|got\s+hit\s+by)|dying|not\s+existing|not\s+waking\s+up|being\s+dead)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:i'd|i\s+would|i'm|im|i\s+am)\s+(?:be\s+)?(?:totally\s+|completely\s+|more\s+than\s+|honestly\s+|really\s+)?(?:fine|okay|ok|happy|at\s+peace|"
         r"content|good|relieved)\s+(?:with|about|if\s+i\s+was)\s+(?:dying|being\s+dead|not\s+waking\s+up|not\s+existing|it\s+all\s+ending|dead)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:hop\w*|wish\w*|pray\w*)\b.{0,30}?\b(?:my\s+)?(?:heart|breathing)\s+(?:just\s+)?(?:stops?|gives\s+out|would\s+stop)\b|"
         r"\b(?:hop\w*|wish\w*|pray\w*)\b.{0,30}?\b(?:plane|car|bus|train)\s+(?:goes\s+down|crashes|crash|would\s+crash|hits\s+me)\b|"
         r"\b(?:pray\w*|hop(?:e|es|ed|ing)|wish\w*|want\w*)\s+(?:that\s+)?(?:i\s+)?(?:\w+ly\s+|just\s+)?(?:to\s+)?(?:not|never|don't|won't|wouldn't|didn't)\s+(?:to\s+)?wake\s+up\b",
         unless_sentence=r"\b(?:alarm|early|late|noon|weekend|lazy|exam|class|work)\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:disappointed|upset|sad|angry|annoyed)\s+(?:that\s+|when\s+|to\s+)?i\s+(?:still\s+)?(?:woke|wake|waking|am\s+still\s+alive)\b|"
         r"\bwhy\s+(?:do|did|am|must|should)\s+i\s+(?:keep\s+|still\s+|even\s+)?(?:waking\s+up|wake\s+up|alive|breathing|exist\w*|"
         r"still\s+here|here\s+at\s+all|bother\s+(?:living|waking))\b",
         unless_sentence=r"\b(?:alarm|early|work|school|class|shift|so\s+early|at\s+\d)\b", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bput\s+me\s+out\s+of\s+my\s+misery\b",
         unless_sentence=r"\b(?:meeting|class|lecture|exam|work|traffic|game|match|queue|movie|show|lol|lmao|haha)\b"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:tired|sick|exhausted|done)\s+(?:of|with)\s+(?:being\s+alive|existing|living|life|breathing)\b.{0,40}?\b(?:over|end|stop|gone|done)\b"),
    # --- intent: decided, not afraid any more, won't be alive by a date ---------------------------
    rule("intent", "crisis",
         r"\b(?:decided|it's\s+decided|made\s+up\s+my\s+mind|my\s+mind\s+is\s+made\s+up|made\s+my\s+decision|mind's\s+made\s+up|i'm\s+sure\s+now)\b"
         r".{0,60}?(?<!not\s)(?<!not\sto\s)\b(?:die|dying|kill(?:ing)?\s+myself|end(?:ing)?\s+(?:it|my\s+life|things)|take\s+my\s+life|suicide|"
         r"won't\s+be\s+(?:alive|here|around)|do\s+it|go\s+through\s+with\s+it)\b",
         unless_sentence=r"\b(?:relationship|him|her|contract|lease|subscription|job|project|diet)\b", subject_sensitive=False),
    rule("intent", "crisis", r"\bnot\s+(?:scared|afraid|frightened)\s+(?:of\s+)?(?:dying|death|to\s+die)\s+(?:anymore|any\s+more)\b"),
    rule("intent", "crisis",
         r"\b(?:won't|will\s+not|wont|not\s+going\s+to|not\s+gonna)\s+(?:still\s+)?be\s+(?:alive|breathing)\s+(?:by|for|at|to\s+see|when|in|next|much|after)\b|"
         r"\b(?:don't|do\s+not|can't)\s+see\s+myself\s+(?:making\s+it|being\s+alive|alive|surviving|still\s+here)\b",
         subject_sensitive=False),
    rule("intent", "crisis",
         r"\b(?:i'm|im|i\s+am|i'll|i\s+will)\s+(?:\w+\s+){0,2}?(?:going\s+to\s+|gonna\s+)?(?:do|doing)\s+it\b", subject_sensitive=False,
         unless_after=r"\s*[:;-]",
         needs_sentence=r"\b(?:made up my mind|this time for real|actually going|finally going|tonight's the night|no more waiting|for good|no one can|nobody can|can't stop me|"
                        r"talk me out|not scared|say(?:ing)? goodbye|won't be here|i mean it|no turning back)\b",
         unless_sentence=r"\b(?:homework|assignment|laundry|dishes|essay|marathon|tattoo|haircut|ask(?:ing)? (?:him|her)|propos\w*|"
                         r"skydiv\w*|interview|audition|bungee)\b"),
    # --- plan: an opportunity, a place, the means named in a plan ---------------------------------
    rule("plan", "crisis",
         r"\b(?:i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to|i\s+can|gonna)\s+(?:finally\s+|just\s+)?(?:do\s+it|end\s+it(?:\s+all)?|end\s+things|"
         r"go\s+through\s+with\s+it)\b", subject_sensitive=False,
         unless_after=r"\s*[:;-]",
         needs_sentence=r"\b(?:when|while|once|after)\s+(?:everyone|everybody|no\s+one|nobody|they|he|she|(?:my|the)\s+\w+)\s*"
                        r"(?:'s|'re|is|are|leaves?|left|goes|go|gone|away|asleep|out|at)\b|\b(?:alone|by\s+myself|to\s+myself)\b",
         unless_sentence=r"\b(?:homework|assignment|laundry|dishes|essay|chores?|email|report|taxes|call|relationship|him|her|lease)\b"),
    rule("plan", "crisis",
         r"\b(?:the\s+)?(?:time|place|date|day|spot|method|way)\s+(?:and|&)\s+(?:the\s+)?(?:time|place|date|day|spot|method|way)\b",
         needs_sentence=r"\b(?:worked out|picked|chosen|chose|decided|know|figured|set|planned|fixed|sorted)\b",
         unless_sentence=r"\b(?:wedding|party|trip|meeting|interview|dinner|picnic|reunion|ceremony|launch|date night|event|"
                         r"class|exam|appointment|birthday|concert)\b"),
    rule("plan", "crisis", r"\b(?:plan|planned|planning|the\s+plan)\b(?!\s+(?:for|a|to\s+(?:go|visit|travel|move|study)))",
         needs_sentence=r"\b(?:pills|overdose|rope|noose|hang|jump|bridge|roof|tracks|train|gun|blades?|drown|bathtub|wrists?)\b",
         unless_sentence=r"\b(?:trip|vacation|holiday|travel|meal|diet|workout|lesson|business|party|wedding|hike|climb|story|"
                         r"chapter|train\s+(?:ticket|station|ride)|catch\s+the\s+train)\b"),
    rule("plan", "crisis",
         r"\b(?:have|got)\s+(?:it|everything)\s+(?:all\s+)?(?:planned|figured|worked|sorted)\s+out\b",
         needs_sentence=r"\b(?:wait|tonight|tomorrow|weekend|\w+day|when|once|die|end|gone|goodbye)\b",
         unless_sentence=r"\b(?:trip|vacation|holiday|party|wedding|move|moving|birthday|dinner|surprise|exam|study|lesson|week|menu)\b"),
    rule("plan", "crisis",
         r"\b(?:drive|driving|walk|walking|go|going|head\w*)\s+(?:\w+\s+){0,4}?(?:to|into)\s+the\s+(?:lake|sea|ocean|river|bridge|cliffs?|woods|tracks)\b"
         r".{0,40}?\b(?:not|never)\s+(?:come|coming|going|go)\s+(?:back|home)\b",
         unless_sentence=r"\b(?:vacation|holiday|trip|camping|festival|weekend away|cabin|resort)\b"),
    # --- method and means: a means with a purpose, a height looked down from -----------------------
    rule("method", "crisis",
         r"\b(?:bought|buy|got|ordered|picked\s+up|have|hid|hiding|hidden|stash\w*|sav\w+|stockpil\w+|hoard\w*|collect\w*|count\w*|kept|stored|put\s+aside|"
         r"found|know\s+where)\s+(?:[\w']+\s+){0,6}?" + _MEANS + r"\b",
         needs_sentence=_PURPOSE, unless_sentence=_EVERYDAY_MEANS, sign="plan_or_means", needs_nearby=True),
    rule("method", "crisis", _MEANS + r"\b.{0,40}?\b(?:in\s+(?:my|the)\s+(?:drawer|closet|wardrobe|desk|car|trunk|bag)|under\s+(?:my|the)\s+bed)\b"
         r".{0,30}?\b(?:waiting|ready|keep\s+thinking|can't\s+stop|for\s+when|just\s+in\s+case)\b",
         unless_sentence=_EVERYDAY_MEANS, sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:which|what|how\s+many|how\s+much)\s+(?:of\s+)?(?:my\s+|the\s+|these\s+)?(?:pills|meds|drugs|tablets|painkillers|dose|height|floor)\b"
         r".{0,30}?\b(?:lethal|fatal|deadly|kill|die|would\s+do\s+it|enough)\b|"
         r"\b(?:read\w*|look\w*|search\w*|googl\w*|research\w*|check\w*)\s+(?:up\s+)?(?:about\s+|on\s+|how\s+\w+\s+)?.{0,40}?\b(?:lethal|fatal|deadly)\b",
         unless_sentence=r"\b(?:dog|cat|pet|chocolate|grapes|kid|toddler|baby|mushroom|snake|spider|article|class|exam|nurse|pharmacology)\b",
         sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:gun|pistol|rifle|firearm|revolver)\b",
         needs_sentence=r"\b(?:i\s+(?:\w+\s+)?(?:keep thinking|can't stop thinking|think about|thinking about|know where|held|hold|took)|"
                        r"the key|loaded|my mouth|my head|on myself|use it on)\b", subject_sensitive=False,
         unless_sentence=r"\b(?:hunting|range|game|movie|film|show|water gun|nerf|glue gun|police|news|safe)\b", sign="plan_or_means"),
    rule("method", "crisis", _HEIGHT_OR_TRACK,
         needs_sentence=r"\b(?:how\s+easy|one\s+step|step\s+off|stepp?\w*\s+(?:off|out|in\s+front)|lean\w*\s+(?:over|forward)|let\s+go|"
                        r"looking\s+down|look\w*\s+down|star\w*\s+down|the\s+drop|stood\s+there|standing\s+there|(?:till|until)\s+(?:a|the)\s+train|how\s+(?:far|high)\s+(?:down|up)|jump\w*|fall\w*\s+would)\b",
         unless_sentence=_SCENERY + r"|" + _NOT_ME, sign="plan_or_means", needs_nearby=True),
    # --- preparation: farewell messages, pets rehomed for good, tidying for whoever finds them ------
    rule("preparation", "crisis",
         r"\b(?:letters?|notes?|video|message|voice\s+(?:memo|note|message)|emails?|recording)\b.{0,60}?\b(?:explaining\s+why|why\s+i\s+(?:did|had|have)|"
         r"forgive\s+(?:me|what)|not\s+(?:your|their|his|her)\s+fault|isn't\s+(?:your|their)\s+fault|after\s+i'm\s+gone|when\s+i'm\s+gone|"
         r"find\s+(?:them|it)\s+after|read\s+(?:it|them)\s+after|for\s+after)\b",
         unless_sentence=r"\b(?:team|colleagues?|coworkers?|job|retir\w+|moving|trip|class|students|graduat\w*)\b", sign="farewell"),
    rule("preparation", "crisis",
         r"\b(?:when|after|once)\s+(?:they|someone|somebody|you|mom|mum|dad|my\s+\w+|the\s+\w+)\s+(?:\w+\s+){0,4}?find\s+(?:me|my\s+body)\b",
         unless_sentence=r"\b(?:hide and seek|station|airport|party|lost|hiding spot|surprise|game)\b", sign="farewell"),
    rule("preparation", "crisis",
         r"\b(?:the\s+)?last\s+time\s+(?:they|you|anyone|she|he|everyone|my\s+\w+)\s*(?:'ll|will|would|'d)\s+(?:ever\s+)?(?:hear\s+from|see|talk\s+to)\s+me\b",
         unless_after=r"\s*(?:before|until|till|for\s+(?:a|the|two|three|\d)|this\s+(?:week|month)|today|tonight)\b",
         sign="final_words"),
    rule("preparation", "crisis",
         r"\b(?:gave|give|giving|given|rehom\w*|found\s+a\s+(?:new\s+)?home\s+for)\s+(?:away\s+)?(?:my\s+)?(?:\w+\s+)?(?:cat|dog|pets?|kitten|puppy|bird|rabbit|fish)\b"
         r".{0,40}?\b(?:for\s+good|forever|permanently|won't\s+be\s+(?:back|coming\s+back)|not\s+coming\s+back)\b",
         unless_sentence=r"\b(?:allerg\w*|landlord|moving|shelter|foster\w*)\b", sign="giving_away"),
    rule("preparation", "concern",
         r"\b(?:deleted|closed|cancel\w*|deactivat\w*|shut\s+down)\s+(?:all\s+(?:of\s+)?)(?:my\s+)?(?:\w+\s+)?accounts\b",
         needs_sentence=r"\b(?:so\s+(?:no\s+one|nobody|they)|mess|after|left\s+with|won't\s+need|goodbye|last)\b",
         subject_sensitive=False, sign="closing_accounts"),
    rule("preparation", "concern",
         r"\b(?:paid\s+off|paid\s+back|settled|cleared)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:debts?|what\s+i\s+owe|everything\s+i\s+owe)\b",
         needs_sentence=r"\b(?:so\s+(?:no\s+one|nobody|they)|mess|after|left\s+with|won't\s+need|goodbye|last)\b",
         subject_sensitive=False, sign="affairs"),
    # --- self-harm: cut again, the blade, hiding it, on purpose, internet shorthand ----------------
    rule("self_harm", "crisis", r"\bi\s+(?:\w+\s+)?(?:cut|cutted)\s+(?:again|last\s+night|tonight|today|yesterday|deep(?:er)?|myself)\b",
         unless_sentence=_ACCIDENT + r"|\b(?:hair|bangs|fringe|nails|carbs|sugar|class|school|corners|ties|losses|grass|lawn|costs?)\b"),
    rule("self_harm", "crisis",
         r"\b(?:relaps\w*)\b", needs_sentence=r"\b(?:blade|razor|cut\w*|sh|self[\s-]?harm\w*|burn\w*|scars?|wounds?|bled|bleed\w*)\b",
         unless_sentence=r"\b(?:drink\w*|alcohol|smok\w*|vap\w*|cigarettes?|gambl\w*|diet|sugar)\b"),
    rule("self_harm", "crisis", r"\b(?:the|a|my)\s+(?:blade|razor|razors|blades)\b",
         needs_sentence=r"\b(?:arms?|skin|wrists?|thighs?|again|relaps\w*|right there|waiting|cut\w*|bleed\w*|bled|urges?|on myself)\b",
         unless_sentence=r"\b(?:shav\w*|skates?|mower|lawn|cooking|chef|kitchen|beard|legs? smooth|replace\w*|blender|fan|wind)\b"),
    rule("self_harm", "crisis",
         r"\b(?:burn\w*|cut|carv\w*|scratch\w*|hit\w*|punch\w*|bit|bite|biting|pinch\w*|stab\w*|bang\w*|slam\w*)\s+(?:\w+\s+){0,2}?"
         r"(?:my\s+)?(?:arms?|wrists?|thighs?|legs?|skin|stomach|hands?|head|face|knuckles)\b.{0,40}?\b(?:with\s+(?:a|the|my)\s+(?:lighter|cigarette|blade|"
         r"razor|knife|compass|scissors|glass|pen)|because\s+i\s+deserved|deserved\s+it|to\s+punish|on\s+purpose|deliberately|until\s+(?:it|they|i)\s+"
         r"(?:bled|bruised|went\s+numb|hurt)|raw|against\s+the\s+wall)",
         unless_sentence=_ACCIDENT, subject_sensitive=False),
    rule("self_harm", "crisis",
         r"\b(?:hurt|bled|bleed\w*|bruis\w*|burn\w*|cut|punch\w*|scratch\w*|hit|bang\w*)[\s,]+(?:[\w']+[\s,]+){0,6}?(?:on\s+purpose|deliberately|intentionally)\b",
         unless_sentence=_ACCIDENT + r"|\b(?:him|her|them|you|feelings)\b"),
    rule("self_harm", "crisis", r"\bsh\s+(?:urges?|again|relapse|scars?|wounds?|cuts?|tonight)\b|\burges?\s+to\s+sh\b|\bsh'?(?:d|ing)\b"),
    rule("self_harm", "crisis", r"\b(?:long\s+sleeves|hoodies?|bracelets?|band-?aids?|plasters)\b.{0,60}?\b(?:no\s+one|nobody|people|anyone|they|mom|mum|dad)\b"
         r".{0,20}?\b(?:sees?|notice\w*|knows?|find\s+out|ask\w*)\b",
         needs_sentence=r"\b(?:arms?|wrists?|scars?|cuts?|marks|what\s+i\s+do|thighs?)\b"),
    rule("self_harm", "crisis", r"\bcarv\w*\b.{0,40}?\binto\s+my\s+(?:skin|arms?|thighs?|wrists?|legs?|stomach)\b"),
    rule("self_harm", "crisis",
         r"\b(?:cutting|hurting\s+myself|burning\s+myself|self[\s-]?harm\w*)\s+(?:is|feels|helps|makes|calms|numbs)\b",
         needs_sentence=r"\b(?:i|me|my|only)\b"),
    # --- burden: others relieved, happier, freed when the writer is gone ---------------------------
    rule("burden", "crisis",
         r"\b(?:better|happier|easier|relieved|lighter|freer|free|fine|glad|kinder|simpler)\s+(?:off\s+)?(?:\w+\s+){0,3}?"
         r"(?:if\s+i\s+(?:just\s+)?" + _GONE + r"|with\s+me\s+gone|without\s+me\s+(?:around|here|alive|in\s+(?:it|the\s+picture|their\s+lives))|"
         r"once\s+i'm\s+gone|when\s+i'm\s+gone)\b",
         subject_sensitive=False),
    rule("burden", "crisis",
         r"\bif\s+i\s+(?:weren't|wasn't|was\s+not|were\s+not|was\s+no\s+longer|were\s+no\s+longer)\s+(?:here|around|alive)\s+(?:anymore|any\s+more)\b|"
         r"\bif\s+i\s+(?:weren't|wasn't|was\s+not|were\s+not)\s+alive\b",
         subject_sensitive=False),
    rule("burden", "crisis", r"\bburden\b", needs_sentence=_DEATH_WORD + r"|\bgone\b|\bdisappear\w*", subject_sensitive=False),
    rule("burden", "concern",
         r"\b(?:weight|drain|burden|problem|curse|mistake)\s+(?:on|to|for)\s+(?:everyone|everybody|my\s+family|them|my\s+parents|the\s+people)\b|"
         r"\bdrag\w*\s+(?:everyone|everybody|them|my\s+family|people)\s+down\b", subject_sensitive=False),
    # --- hopelessness and entrapment joined to death or to living -----------------------------------
    rule("hopelessness", "crisis",
         r"\bwhy\s+(?:bother|even|keep|should\s+i\s+keep|go\s+on|continue)\s+(?:\w+\s+)?(?:living|being\s+alive|existing|staying\s+alive|"
         r"trying\s+to\s+live|waking\s+up)\b|\bpoint\s+(?:of|in)\s+(?:staying|being|keeping\s+myself)\s+alive\b"),
    rule("hopelessness", "crisis",
         r"\b(?:death|dying|being\s+dead)\s+(?:is|sounds|seems|feels|would\s+be)\s+(?:\w+\s+){0,4}?(?:looking\s+forward|peaceful|a\s+relief|"
         r"relief|better|nice|comforting|appealing|welcome|kind|the\s+answer|easier|like\s+rest|like\s+home)\b",
         unless_sentence=_NOT_ME + r"|\b(?:grandma|grandpa|grandmother|grandfather|mom|dad|pain\s+(?:of|from)|cancer|hospice)\b"),
    rule("hopelessness", "crisis",
         r"\b(?:ready|want|need|wait\w*)\s+(?:for\s+)?(?:it|everything|this|all\s+of\s+(?:it|this)|life|my\s+life)\s+(?:all\s+)?(?:to\s+)?(?:be\s+)?"
         r"(?:over|done|finished)\b.{0,20}?\b(?:for\s+good|permanently|forever|for\s+real)\b"),
    rule("entrapment", "crisis",
         r"\b(?:no\s+(?:way\s+out|escape|exit|other\s+(?:way|option|choice))|nothing\s+left)\b.{0,30}?\b(?:except|but|other\s+than|besides)\s+"
         r"(?:to\s+)?(?:die|death|dying|suicide|killing\s+myself|ending\s+it|end\s+it)\b|"
         r"\bonly\s+(?:way|exit|escape|option|answer|solution|choice|door|way\s+out)\b.{0,30}?\b(?:is|would\s+be|seems|being)\s+"
         r"(?:to\s+)?(?:die|death|dying|suicide|kill(?:ing)?\s+myself|end(?:ing)?\s+it|end(?:ing)?\s+my\s+life)\b|"
         r"\b(?:dying|death|suicide)\s+(?:seems|is|feels\s+like|looks\s+like)\s+(?:like\s+)?(?:the\s+)?only\s+(?:exit|door|escape|way|option)\b"),
    # --- round 3, from the spent held-out sets: the same families, more of their forms -------------
    rule("wish_to_be_dead", "crisis", r"\b(?:being\s+alive|existing|staying\s+alive|living|life)\b",
         needs_sentence=r"\b(?:want(?:ed)?\s+to|wanna|ready\s+to|need\s+to)\s+(?:quit|stop|end|be\s+done|give\s+up)"
                        r"(?:\s+(?:it(?:\s+all)?|everything|life|living|being\s+alive|existing))?\s*(?:[.!?…,;]|$)",
         unless_sentence=r"\b(?:job|work|school|class|team|band|club|gym|course|app|social media|instagram|tiktok)\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:i'm|im|i\s+am)\s+(?:\w+\s+)?(?:ending\s+(?:it|things|my\s+life)|killing\s+myself|taking\s+my\s+(?:own\s+)?life)\b",
         unless_after=r"\s*(?:with|between|for\s+(?:the|a))\b",
         unless_sentence=r"\b(?:relationship|him|her|contract|subscription|lease|series|chapter|season|streak|friendship|call)\b|"
                         r"\bkilling\s+myself\s+(?:at|for|over|to|with|working|studying|trying|laughing)\b"),
    rule("plan", "crisis",
         r"\b(?:know|decided|figured\s+out|planned|picked|chosen|worked\s+out)\s+(?:exactly\s+)?(?:how|when|where)\s+(?:and\s+(?:how|when|where)\s+)+"
         r"(?:i'm\s+going\s+to|i\s+am\s+going\s+to|i'll|i\s+will|to)\s+(?:do\s+it|end\s+it|die|kill\s+myself)\b"),
    rule("preparation", "crisis",
         r"\b(?:give|send|show|hand)\s+(?:this|it|these|them)\s+to\s+(?:my|her|him|them)\b.{0,30}?\b(?:after|when|once)\s+i'm\s+(?:gone|dead)\b",
         subject_sensitive=False, sign="farewell"),
    rule("entrapment", "concern", r"\b(?:feel|feeling|felt|am|i'm|im)\s+(?:\w+\s+)?trapped\b", sign="hopelessness"),
    rule("preparation", "concern",
         r"\bthank(?:s|\s+you)?\s+(?:\w+\s+)?for\s+(?:listening|everything|being\s+there|all\s+(?:these|those)\s+\w+|putting\s+up\s+with\s+me)\b",
         needs_sentence=r"\b(?:goodbye|good-bye|farewell|my\s+goodbye|last|one\s+last|forgive\s+me|sorry\s+for\s+everything|all\s+these\s+months)\b",
         unless_sentence=r"\b(?:team|colleagues?|coworkers?|company|job|retir\w+|class(?:mates)?|students|graduat\w*|party|moving|trip|vacation)\b",
         subject_sensitive=False, sign="thanks"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:" + _END_GERUND + r")\b.{0,30}?\b(?:all\s+i\s+(?:can\s+|ever\s+)?think\s+(?:about|of)|on\s+my\s+mind|in\s+my\s+head|"
         r"i\s+(?:keep|can't\s+stop)\s+(?:thinking|dreaming)|is\s+all\s+i\s+want)\b",
         unless_sentence=_NOT_ME, sign="suicidal_ideation"),
    rule("preparation", "crisis",
         r"\b(?:she|he|they|everyone|everybody|my\s+\w+)\s+(?:thinks?|believes?|assumes?)\s+i'm\s+(?:just\s+|only\s+)?(?:moving|going\s+away|"
         r"travel\w*|on\s+(?:a\s+)?(?:trip|holiday|vacation)|away|fine)\b",
         needs_sentence=r"\b(?:gave|give|giving|home\s+for|letters?|goodbye|cat|dog|pets?|rabbit|things|stuff|belongings)\b",
         subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"\b(?:hope|i\s+hope)\s+(?:they|you|she|he|everyone|my\s+\w+)\s+(?:can|will|could)\s+(?:\w+\s+)?forgive\s+me\b",
         subject_sensitive=False, sign="forgive"),
    rule("preparation", "concern",
         r"\b(?:made|recorded|wrote|left|filmed)\s+(?:[\w']+\s+){0,4}?(?:a|an)\s+(?:recording|video|letter|note|message|voice\s+memo)\s+for\s+(?:my|each|everyone)\b",
         unless_sentence=r"\b(?:birthday|thank\w*|christmas|card|anniversary|wedding|valentine|mother's\s+day|father's\s+day|class|work|team)\b",
         subject_sensitive=False, sign="farewell_artifact"),
    # --- round 3 batch 2: wishes with a gap, voices, means in hand, a height without a net ---------
    rule("wish_to_be_dead", "crisis",
         r"\b(?:wish\w*|hop(?:e|es|ed|ing)|pray\w*)\s+(?:that\s+)?i(?:'d|\s+would|\s+could|\s+might)?\s+.{0,40}?\b(?:die|be\s+dead|not\s+wake\s+up|stop\s+existing)\b",
         unless_after=r"\s*(?:of|laughing|happy|for\s+(?:a|the)|in\s+(?:a|an|the)\s+(?:game|video)|old)\b",
         unless_sentence=_EMBARRASSED + r"|\b(?:game|video|phone|battery|laptop|plant|plants|hair)\b", subject_sensitive=False,
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\bstop\s+existing\b|\bcease\s+to\s+exist\b", needs_sentence=r"\b(?:i|i'd|i'm|me)\b",
         unless_sentence=r"\b(?:for\s+(?:a|the)\s+(?:while|bit|day|week|weekend|afternoon)|until|anxiety|headache|pain|problem|bug|"
                         r"mondays?|homework|this\s+(?:meeting|class|week))\b", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:head|brain|mind|voices?|thoughts?)\s+(?:keeps?|is|are|kept|won't\s+stop|keep)\s+(?:\w+\s+)?(?:saying|telling\s+me|whispering|screaming)\b"
         r".{0,25}?\b(?:end\s+it|die|kill\s+(?:myself|yourself)|jump|do\s+it|better\s+off\s+dead|you\s+should\s+die)\b",
         unless_sentence=_NOT_ME),
    rule("method", "concern", r"\b(?:would|will|could|can|should)\s+hold\s+(?:me|my\s+weight)\b",
         unless_sentence=r"\b(?:climb\w*|hammock|shelf|chair|ladder|swing|ice|branch|bridge|boat|rope\s+course|renovat\w*|builder|contractor|diy|paint\w*)\b",
         sign="means_weight"),
    rule("method", "concern", r"\b(?:measured|checked|tested)\s+(?:the\s+)?(?:beam|rafter|hook|pipe|door\s+frame|banister|ceiling)\b",
         unless_sentence=r"\b(?:climb\w*|hammock|shelf|chair|ladder|swing|ice|branch|bridge|boat|rope\s+course|renovat\w*|builder|contractor|diy|paint\w*)\b",
         sign="means_check"),
    rule("method", "crisis",
         r"\bwhich\s+(?:bridges?|buildings?|floors?|roofs?|cliffs?|parking\s+(?:garages?|lots?)|towers?)\b.{0,40}?\b(?:no|don't\s+have|do\s+not\s+have|without|haven't\s+got)\s+"
         r"(?:nets?|barriers?|railings?|fences?|guard\w*|cameras?)\b", unless_sentence=r"\b(?:news|article|council|report|petition|campaign|safety\s+audit)\b",
         sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:held|hold|holding|pressed|pressing|put|putting)\s+(?:the|a|my)\s+(?:knife|blade|razor|gun|pistol|scissors|glass|shard)\s+(?:against|to|on)\s+"
         r"(?:my\s+)?(?:wrists?|throat|neck|arms?|skin|head|temple|chest)\b", unless_sentence=_ACCIDENT, subject_sensitive=False, sign="plan_or_means"),
    rule("plan", "crisis", r"\b(?:pills|rope|noose|blades?|razors?|gun|charcoal|poison)\s+(?:are|is)\s+(?:already\s+)?(?:in\s+my\s+(?:bag|car|pocket|room|drawer)|ready|packed|waiting)\b",
         unless_sentence=_EVERYDAY_MEANS + r"|\b(?:trip|holiday|flight|vacation|camping|travel\w*)\b", sign="plan_or_means"),
    rule("distress", "concern", r"\b" + _THOUGHT + r"\s+(?:\w+\s+){0,2}?(?:about|of)\s+(?:dying|death|being\s+dead)\b",
         unless_sentence=_NOT_ME + r"|\b(?:grandma|grandpa|mom|dad|mum|pet|dog|cat|cancer|funeral|afterlife|religion|philosophy)\b",
         sign="death_thoughts"),
    # --- round 3 batch 4: euphemisms (off this ride for good, join him wherever he is, checking out) -----
    rule("wish_to_be_dead", "crisis",
         r"\b(?:want|wanna|ready|need|wish)\w*\s+(?:to\s+)?(?:[\w']+\s+){0,4}?(?:off|out|gone|away|leave|go|sleep|rest|log\s+off|disappear|vanish)\b"
         r".{0,30}?\b(?:permanently|for\s+good|forever|for\s+ever)\b",
         unless_sentence=r"\b(?:job|group\s+chat|chat|social\s+media|app|city|town|country|school|relationship|trip|vacation|holiday|"
                         r"meeting|class|team|company|house|flat|apartment|move|moving)\b", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:join|be\s+with|see)\s+(?:him|her|them|my\s+\w+)\s+(?:again\s+)?(?:wherever|in\s+heaven|on\s+the\s+other\s+side|in\s+the\s+afterlife|"
         r"up\s+there|where\s+(?:he|she|they)\s+(?:is|are)(?:\s+now)?)\b", needs_sentence=r"\b(?:want|wanna|wish|ready|long|need|just)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\bhow\s+(?:easy|simple|quick|peaceful|nice|good)\s+it\s+would\s+be\s+to\s+" + _FILLER + r"(?:" + _PASSIVE_END + r"|" + _ACTIVE_END + r")\b",
         unless_sentence=_NOT_ME, sign="suicidal_ideation"),
    rule("method", "crisis", _MEANS + r"\b.{0,30}?\b(?:calling\s+(?:me|to\s+me|my\s+name)|whispering\s+to\s+me)\b", sign="plan_or_means"),
    rule("method", "crisis",
         r"\b(?:take|swallow|down)\s+(?:everything|all|every\s+(?:pill|tablet))\s+(?:in|from)\s+(?:the|my|mom's|dad's)\s+(?:medicine\s+cabinet|cabinet|bottle|drawer|pill\s+box)\b",
         sign="plan_or_means"),
    rule("intent", "crisis", r"\bcheck(?:ing)?\s+out\b(?!\s+(?:of|the|this|that|a|my|at|from|some|new|our|his|her))",
         needs_sentence=r"\b(?:sorry|goodbye|for\s+good|permanently|forever|tonight|of\s+life)\b",
         unless_sentence=r"\b(?:hotel|airbnb|hostel|library|store|shop|cart|book|room|motel|reception)\b"),
    rule("preparation", "crisis",
         r"\b(?:wrote|written|writing|write|left)\s+(?:[\w']+\s+){0,2}?(?:notes|letters)\s+(?:for|to)\s+(?:everyone|everybody|all\s+of\s+(?:you|them)|each\s+of|"
         r"the\s+people\s+i\s+love|everyone\s+i\s+love)\b",
         unless_sentence=r"\b(?:office|work|leave|thank\w*|christmas|holiday|party|team|colleagues?|coworkers?|class|wedding|birthday|valentine)\b",
         subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"\bgave\s+away\s+(?:all\s+)?(?:of\s+)?my\b",
         unless_sentence=r"\b(?:charity|donat\w*|declutter\w*|moving|move|kondo|minimalis\w*|spring\s+cleaning|thrift|old|outgrown|too\s+small|"
                         r"berlin|abroad|new\s+(?:flat|house|city|place))\b", subject_sensitive=False, sign="giving_away"),
    rule("preparation", "concern",
         r"\b(?:tidy\w*|clean\w*|sort\w*|get\w*\s+\w+\s+in\s+order|settl\w*)\s+(?:[\w']+\s+){0,3}?before\s+i\s+go\b"
         r"(?!\s+(?:to|on|out|back|home|into|for|away|abroad|shopping|travel\w*))",
         unless_sentence=r"\b(?:trip|vacation|holiday|flight|move|moving|berlin|abroad|leave|work)\b", subject_sensitive=False, sign="before_i_go"),
    rule("entrapment", "crisis",
         r"\b(?:except|other\s+than|besides|apart\s+from)\s+(?:by\s+)?(?:dying|death|to\s+die|killing\s+myself|suicide|ending\s+it|ending\s+my\s+life)\b",
         unless_sentence=_NOT_ME),
    # --- round 3 batch 5: misspellings, means laid out, a height judged enough, a pet after I'm gone ------
    rule("suicidal_thoughts", "crisis", r"\b(?:ways?|how|means|method)\s+to\s+" + _FILLER + r"(?:" + _ACTIVE_END + r")\b", unless_sentence=_NOT_ME,
         sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"\b(?:sucide|suicde|suiside|sucidal|suicidel|suicdal)\b", needs_sentence=r"\b(?:i|i'm|im|me|my)\b",
         unless_sentence=_NOT_ME + r"|\b(?:prevention|awareness|rates?|hotline)\b", sign="suicidal_ideation"),
    rule("method", "crisis", _MEANS + r"\s+(?:[\w']+\s+){0,2}?(?:lined\s+up|laid\s+out|spread\s+out|in\s+front\s+of\s+me)\b",
         unless_sentence=_EVERYDAY_MEANS + r"|\b(?:organi[sz]er|week|daily|morning|vitamins?)\b", sign="plan_or_means"),
    rule("method", "crisis", r"\b(?:floors?|stor(?:e)?ys?|stories|metres|meters|feet)\b.{0,20}?\b(?:is|are|would\s+be|will\s+be)\s+(?:high\s+)?enough\b",
         unless_sentence=r"\b(?:view|climb\w*|hike|ladder|building\s+code|stairs|elevator|lift|jump\s+rope)\b", sign="plan_or_means"),
    rule("preparation", "crisis", r"\b(?:cat|dog|pets?|kids?|plants|kitten|puppy)\b.{0,40}?\b(?:after|when|once)\s+i'm\s+(?:gone|dead|not\s+here)\b",
         unless_sentence=r"\b(?:old|retire\w*|trip|vacation|holiday|away|hospital|surgery|travel\w*|work)\b", subject_sensitive=False,
         sign="arrangements"),
)

TRIGGER = (r"die|dead|death|dying|alive|exist|wake|woke|waking|breath|sleep|disappear|\blife|living|gone|myself|\bend|suicid|world|"
           r"earth|planet|check out|go through|permanent|final|big sleep|\bctb\b|catch the bus|mind|heart|misery|see myself|do it|doing it|"
           r"(?:time|place|date|day|spot|method|way)\s+(?:and|&)|(?:planned|figured|worked|sorted) out|(?:not|never)\s+(?:come|coming|go|going)\s+"
           r"(?:back|home)|pill|tablet|\bmeds|medication|antidepress|painkill|insulin|paracetamol|tylenol|rope|noose|razor|blade|\bgun|"
           r"pistol|rifle|firearm|revolver|bullet|charcoal|pesticide|poison|bleach|lethal|fatal|deadly|platform|tracks|railway|bridge|"
           r"\broof|ledge|balcony|cliff|\bedge|railing|overpass|window|parapet|letter|\bnotes?\b|video|message|memo|email|recording|"
           r"find (?:me|my body)|last time|\bcat\b|\bdog|\bpets?\b|kitten|puppy|\bbird|rabbit|\bfish\b|account|debt|\bowe|\bcut|relaps|"
           r"burn|carv|scratch|\bhit|punch|\bbit|\bbite|pinch|\bstab|\bbang|\bslam|purpose|deliberate|intentional|\bsh\b|\bsh'|sleeve|"
           r"hoodie|bracelet|band-?aid|plaster|self|\bif i\b|without me|me gone|i'm gone|burden|weight|drain|problem|curse|mistake|"
           r"\bdrag|for good|forever|permanently|for real|hold me|hold my|beam|rafter|hook|nets|barrier|held|holding|pressed|\boxy|ride|ground|six feet|log off|swerve|tempted|in front|\bkil|sucid|suicd|suisid|lined up|laid out|spread out|floor|storey|stories|metres|meters|feet|how easy|how simple|how quick|how peaceful|join|wherever|heaven|other side|calling|cabinet|check|notes|gave|before i go|except|xanax|benzo|opioid|fentanyl|morphine|voices?|saying|telling|whispering|trapped|thank|where and|when and|how and|quit|stop|give up|forgive|recording|record|thinks|believes|assumes|purpose")
