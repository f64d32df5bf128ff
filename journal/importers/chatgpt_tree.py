"""One ChatGPT conversation (a tree of messages) as a Duet :class:`Story`.

ChatGPT stores every version of a conversation as a tree: regenerating an
answer or editing a question adds a sibling node. The conversation the user
last saw is the path from ``current_node`` back to the root. Duet keeps that
path as the story's turns; each sibling of a path message with the same role
becomes an *alternative* of that turn (its other versions, as Duet's own
regenerate keeps them), and whatever followed an alternative is kept in the
turn's ``extra``:

- ``continuations``: ``{"<version index>": [turn, ...]}``, the conversation that followed that other version;
- ``side_branches``: ``[[turn, ...], ...]``, branches starting with a message of another role;

where each ``turn`` is ``{"id", "role", "alternatives", "chosen", "created"}`` plus the same two keys,
so no message of the tree is lost.

Nodes that were never shown are left out: ``message: null``, messages marked
``is_visually_hidden_from_conversation``, tool messages and messages whose
``recipient`` is not ``all`` (calls to tools), and reasoning/context parts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from journal.stories.model import Story, Turn
from journal.times import local_time

ROLE_MAP = {"user": "user", "assistant": "companion", "system": "narrator"}
SKIPPED_CONTENT_TYPES = frozenset({"thoughts", "reasoning_recap", "user_editable_context",
                                   "model_editable_context", "system_error"})
AUDIO_TEXT_PART = "audio_transcription"
COMPANION_SLUG = "chatgpt"
COMPANION_NAME = "ChatGPT"

Placeholder = Callable[[str], str]   # content type of a non-text part -> the text shown instead


def moment(value: Any) -> datetime | None:
    """ChatGPT's ``create_time`` (unix seconds, a float) as a local time to the second."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return local_time(value)
    except (OverflowError, OSError, ValueError):
        return None


def message_text(message: dict[str, Any], placeholder: Placeholder) -> str:
    """The words of a message; a picture, a voice clip or a file part becomes a short placeholder."""
    content = message.get("content") or {}
    if not isinstance(content, dict):
        return ""
    parts = content.get("parts")
    if parts is None:
        text = content.get("text")
        return text if isinstance(text, str) else ""
    if not isinstance(parts, list):
        parts = [parts]
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part.strip():
                pieces.append(part)
        elif _is_transcript(part):
            pieces.append(part["text"])
        elif part is not None:
            kind = part.get("content_type") if isinstance(part, dict) else type(part).__name__
            pieces.append(placeholder(str(kind or "")))
    return "\n\n".join(pieces)


def _is_transcript(part: Any) -> bool:
    """A voice message's transcript: its words are kept, unlike other non-text parts."""
    return isinstance(part, dict) and part.get("content_type") == AUDIO_TEXT_PART and isinstance(part.get("text"), str)


def _role(message: dict[str, Any]) -> str:
    author = message.get("author")
    return str(author.get("role") or "") if isinstance(author, dict) else ""


class ConversationTree:
    """The visible messages of one conversation and how they hang together."""

    def __init__(self, conversation: dict[str, Any], placeholder: Placeholder) -> None:
        mapping = conversation.get("mapping")
        self.nodes: dict[str, dict[str, Any]] = mapping if isinstance(mapping, dict) else {}
        self.placeholder = placeholder
        self.text: dict[str, str] = {}
        for node_id, node in self.nodes.items():
            message = node.get("message") if isinstance(node, dict) else None
            if self._shown(message):
                text = message_text(message, placeholder)
                if text.strip():
                    self.text[node_id] = text
        self.order = self._document_order()
        self.visible_parent = {n: self._nearest_visible_ancestor(n) for n in self.text}
        self.children: dict[str | None, list[str]] = {}
        for node_id in sorted(self.text, key=lambda n: self.order.get(n, len(self.order))):
            self.children.setdefault(self.visible_parent[node_id], []).append(node_id)

    @staticmethod
    def _shown(message: Any) -> bool:
        if not isinstance(message, dict):
            return False                                         # message: null (the root, or a cut node)
        if _role(message) not in ROLE_MAP:
            return False                                         # tool output and unknown roles
        if (message.get("recipient") or "all") != "all":
            return False                                         # a call to a tool (python, browser…)
        metadata = message.get("metadata") or {}
        if isinstance(metadata, dict) and metadata.get("is_visually_hidden_from_conversation"):
            return False
        content = message.get("content") or {}
        return not (isinstance(content, dict) and content.get("content_type") in SKIPPED_CONTENT_TYPES)

    def parent(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        parent = node.get("parent") if isinstance(node, dict) else None
        return parent if isinstance(parent, str) and parent in self.nodes else None

    def _nearest_visible_ancestor(self, node_id: str) -> str | None:
        seen = {node_id}
        current = self.parent(node_id)
        while current is not None and current not in seen:
            if current in self.text:
                return current
            seen.add(current)
            current = self.parent(current)
        return None

    def _document_order(self) -> dict[str, int]:
        """Depth-first order following each node's ``children`` list: the order ChatGPT made them."""
        roots = [n for n in self.nodes if self.parent(n) is None]
        order: dict[str, int] = {}
        stack = list(reversed(roots))
        while stack:
            node_id = stack.pop()
            if node_id in order or node_id not in self.nodes:
                continue
            order[node_id] = len(order)
            node = self.nodes[node_id]
            kids = node.get("children") if isinstance(node, dict) else None
            stack.extend(reversed([k for k in kids if isinstance(k, str)] if isinstance(kids, list) else []))
        return order

    def role(self, node_id: str) -> str:
        return ROLE_MAP[_role(self.nodes[node_id]["message"])]

    def created(self, node_id: str) -> datetime | None:
        return moment(self.nodes[node_id]["message"].get("create_time"))

    def main_path(self, current: Any) -> list[str]:
        """Visible messages from the root to ``current_node`` (else to the newest leaf)."""
        if not isinstance(current, str) or current not in self.nodes:
            current = self._newest_leaf()
        path: list[str] = []
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if current in self.text:
                path.append(current)
            current = self.parent(current)
        return list(reversed(path))

    def _newest_leaf(self) -> str | None:
        leaves = [n for n in self.text if not self.children.get(n)]
        return max(leaves, key=lambda n: (self.nodes[n]["message"].get("create_time") or 0,
                                          self.order.get(n, 0)), default=None)

    def continuation(self, start: str) -> list[str]:
        """From ``start`` down, always following the latest child: how that branch went on."""
        path = [start]
        seen = {start}
        while self.children.get(path[-1]):
            following = self.children[path[-1]][-1]
            if following in seen:   # parents pointing at each other in a crafted file: stop, do not loop
                break
            seen.add(following)
            path.append(following)
        return path

    def turns(self, path: list[str]) -> list[Turn]:
        out: list[Turn] = []
        for node_id in path:
            role = self.role(node_id)
            siblings = self.children.get(self.visible_parent[node_id], [])
            versions = [s for s in siblings if self.role(s) == role]
            extra: dict[str, Any] = {}
            continuations = {str(i): self._as_dicts(self.continuation(self.children[s][-1]))
                             for i, s in enumerate(versions) if s != node_id and self.children.get(s)}
            side = [self._as_dicts(self.continuation(s)) for s in siblings if self.role(s) != role]
            if continuations:
                extra["continuations"] = continuations
            if side:
                extra["side_branches"] = side
            out.append(Turn(id=node_id, role=role, alternatives=[self.text[s] for s in versions],
                            chosen=versions.index(node_id), created=self.created(node_id), extra=extra))
        return out

    def _as_dicts(self, path: list[str]) -> list[dict[str, Any]]:
        dicts = []
        for turn in self.turns(path):
            data: dict[str, Any] = {"id": turn.id, "role": turn.role, "alternatives": turn.alternatives,
                                    "chosen": turn.chosen,
                                    "created": turn.created.isoformat() if turn.created else None}
            data.update(turn.extra)
            dicts.append(data)
        return dicts


def conversation_id(conversation: dict[str, Any]) -> str:
    return str(conversation.get("conversation_id") or conversation.get("id") or "").strip()


def conversation_to_story(conversation: dict[str, Any], placeholder: Placeholder, untitled: str) -> Story:
    """The story the user saw, with every other branch kept; raises ``ValueError`` when nothing is visible."""
    tree = ConversationTree(conversation, placeholder)
    turns = tree.turns(tree.main_path(conversation.get("current_node")))
    if not turns:
        raise ValueError("no visible messages")
    extra: dict[str, Any] = {"source": f"chatgpt:{conversation_id(conversation)}"}
    if conversation.get("gizmo_id"):
        extra["chatgpt_gizmo"] = conversation["gizmo_id"]
    title = conversation.get("title")
    return Story(id="", title=str(title).strip() if isinstance(title, str) and title.strip() else untitled,
                 companion=COMPANION_SLUG, companion_name=COMPANION_NAME, mode="chat", turns=turns,
                 created=moment(conversation.get("create_time")) or turns[0].created,
                 updated=moment(conversation.get("update_time")) or turns[-1].created, extra=extra)
