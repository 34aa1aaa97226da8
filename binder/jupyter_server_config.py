# The learners' Jupyter server settings: `make lab`, Binder (binder/postBuild) and the classroom hub's learner
# servers (make classroom) all copy this file into their environment's etc/jupyter/, where every Jupyter server
# of that environment reads it.
#
# Kernel messages go out at once. jupyter-server leaves Nagle's algorithm on for the kernel's websocket: when the
# kernel answers with several messages in a row (busy, the reply, a picture, idle), the socket holds back each
# one after the first until the browser acknowledges the first, and the browser delays that acknowledgement by
# up to 40 ms (TCP's delayed ACK). Every key press on a slider paid those 40 ms. Tornado's
# `WebSocketHandler.set_nodelay(True)` turns Nagle off for that socket (tcp(7): TCP_NODELAY).
# Measured here (bench/browser_sliders.py runs with and without this file, in one run).
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The stock kernel websocket connection, with TCP_NODELAY set on its socket."""

    async def connect(self):
        self.websocket_handler.set_nodelay(True)
        return await super().connect()


c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)
c.ServerApp.kernel_websocket_connection_class = NoDelayKernelWebsocketConnection
