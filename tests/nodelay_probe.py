"""A Jupyter server extension for tests only: GET /nodelay-probe lists, for every open kernel websocket,
whether its TCP socket has TCP_NODELAY set (1) or not (0), read from the socket itself (getsockopt).

Enabled with ``--ServerApp.jpserver_extensions={'nodelay_probe': True}`` and this folder on PYTHONPATH.
"""

import gc
import json
import socket

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from jupyter_server.utils import url_path_join
from tornado import web


class NoDelayProbe(JupyterHandler):
    @web.authenticated
    def get(self):
        handlers = [h for h in gc.get_objects() if isinstance(h, KernelWebsocketHandler)]
        sockets = [h.ws_connection.stream.socket for h in handlers if h.ws_connection and h.ws_connection.stream]
        self.finish(json.dumps([s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets]))


def _jupyter_server_extension_points():
    return [{"module": "nodelay_probe"}]


def _load_jupyter_server_extension(serverapp):
    route = url_path_join(serverapp.web_app.settings["base_url"], "/nodelay-probe")
    serverapp.web_app.add_handlers(".*$", [(route, NoDelayProbe)])
