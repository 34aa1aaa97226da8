"""JupyterLab's side of an ipympl figure, for tests with no browser: the pictures a page would show.

A kernel hands each widget a comm (``comm.create_comm``); here each gets a :class:`PageComm`, which keeps
every message the kernel sends. A :class:`Page` reads an ipympl canvas's messages the way ipympl's front end
does (its ``mpl_widget.ts``): it asks for the first picture when it opens ("refresh", "send_image_mode",
"initialized"); it answers a "draw" request with "draw", once until a picture comes; a picture is a PNG,
"full" (it replaces the page's picture) or "diff" (its opaque pixels are drawn over it). So a test sees what
a reader sees: how many pictures came, and what the canvas on the page shows.
"""

import io
import json

import numpy as np
from comm.base_comm import BaseComm
from PIL import Image


class PageComm(BaseComm):
    """A comm that keeps what the kernel sends: (message type, data, buffers)."""

    def __init__(self, **kwargs):
        self.sent = []
        super().__init__(**kwargs)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        self.sent.append((msg_type, data, [bytes(buffer) for buffer in buffers or []]))


class Page:
    """The canvas of one ipympl figure on a page. ``pictures``: how many came; ``picture``: RGBA (h, w, 4)."""

    def __init__(self, canvas):
        self.canvas, self.comm = canvas, canvas.comm
        self.picture, self.pictures, self.mode, self.waiting, self.read_up_to = None, 0, "full", False, 0

    def messages(self):
        """Every message the kernel has sent this canvas, decoded: ("state", {...}) or (type, content, buffers)."""
        for msg_type, data, buffers in self.comm.sent:
            if msg_type == "comm_msg" and data.get("method") == "update":
                yield "state", data.get("state", {}), buffers
            elif msg_type == "comm_msg" and data.get("method") == "custom":
                content = json.loads(data["content"]["data"])
                yield content["type"], content, buffers

    def asked_for_a_picture(self):
        """Whether the kernel has sent a picture, or asked the page to request one."""
        return any(kind in ("binary", "draw") for kind, _, _ in self.messages())

    def open(self):
        """The widget appears: the front end asks for the state of the canvas and its first picture."""
        for kind in ("refresh", "send_image_mode", "initialized"):
            self.send(kind)
        self.settle()

    def send(self, kind, **content):
        self.comm.handle_msg({"content": {"data": {"method": "custom", "content": {"type": kind, **content}}},
                              "buffers": []})

    def settle(self, rounds=20):
        """Read what the kernel sent and answer it, until it has nothing more to say."""
        for _ in range(rounds):
            new = list(self.messages())[self.read_up_to:]
            self.read_up_to += len(new)
            answers = [self.read(kind, content, buffers) for kind, content, buffers in new]
            if not any(answers):
                return
        raise AssertionError(f"the kernel and the page still talk after {rounds} rounds")

    def read(self, kind, content, buffers):
        """Take one message as ipympl's front end does; True when the page answered it."""
        if kind == "state" and "_image_mode" in content:
            self.mode = content["_image_mode"]
        elif kind == "binary":
            png = np.asarray(Image.open(io.BytesIO(buffers[0])).convert("RGBA"))
            if self.mode == "full" or self.picture is None:
                self.picture = png.copy()
            else:                                 # a diff: changed pixels are opaque, the rest transparent
                self.picture = np.where(png[..., 3:] == 255, png, self.picture)
            self.pictures, self.waiting = self.pictures + 1, False
        elif kind == "draw" and not self.waiting:
            self.waiting = True
            self.send("draw")
            return True
        return False
