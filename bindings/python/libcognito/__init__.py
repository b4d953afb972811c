"""libcognito: Amazon Cognito User Pools from Python (ctypes over libcognito_c).

    from libcognito import Client, Flow, StepKind

    with Client(user_pool_id="us-east-1_AbC", client_id="1example") as client:
        sign_in = client.sign_in("alice", password)            # USER_SRP_AUTH
        while not sign_in.done:
            step = sign_in.step
            if step.kind is StepKind.SOFTWARE_TOKEN_MFA_CODE:
                sign_in.answer_code(input("code: "))
            else:
                raise RuntimeError(f"unhandled step {step.kind.name}")
        session = sign_in.session()
        print(client.get_user(session).attributes)

The library is located through LIBCOGNITO_LIBRARY, next to this package, or
by the system (see libcognito._ffi). Errors raise CognitoError subclasses
(libcognito.errors).
"""
from ._ffi import ABI_VERSION, library_path, version
from .client import (AuthMachine, Client, Config, Event, Failed, NeedAnswer, SendRequest, Session, SignedIn, SignIn,
                     UrllibTransport, urllib_transport)
from .errors import *  # noqa: F401,F403 - the exception classes are part of the API
from .errors import __all__ as _error_names
from .types import (CodeDelivery, Device, DeviceCredentials, DeviceList, EventKind, Flow, HttpRequest, HttpResponse,
                    LogLevel, MfaFactor, SessionFlags, SignUpResult, Step, StepKind, TokenUse, Tokens, User)

__version__ = "0.1.0"

__all__ = [
    "ABI_VERSION", "library_path", "version", "AuthMachine", "Client", "Config", "Event", "Failed", "NeedAnswer",
    "SendRequest", "Session", "SignedIn", "SignIn", "UrllibTransport", "urllib_transport", "CodeDelivery", "Device",
    "DeviceCredentials", "DeviceList", "EventKind", "Flow", "HttpRequest", "HttpResponse", "LogLevel", "MfaFactor",
    "SessionFlags", "SignUpResult", "Step", "StepKind", "TokenUse", "Tokens", "User", *_error_names,
]
