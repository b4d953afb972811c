#!/usr/bin/env python3
"""USER_SRP_AUTH with MFA codes over the Python binding (libcognito).

    sign_in.py USERNAME        password, then each code, one per line on stdin

Settings from COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, COGNITO_CLIENT_SECRET and
COGNITO_ENDPOINT; the library from LIBCOGNITO_LIBRARY or the system. Exit status 0
when signed in; 1 with the Cognito error name and message on stderr."""
import os
import sys

from libcognito import Client, CodeMismatchError, CognitoError


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    settings = dict(user_pool_id=os.environ["COGNITO_USER_POOL_ID"], client_id=os.environ["COGNITO_CLIENT_ID"])
    if os.environ.get("COGNITO_CLIENT_SECRET"):
        settings["client_secret"] = os.environ["COGNITO_CLIENT_SECRET"]
    if os.environ.get("COGNITO_ENDPOINT"):
        settings["endpoint"] = os.environ["COGNITO_ENDPOINT"]
    try:
        with Client(**settings) as client:
            sign_in = client.sign_in(sys.argv[1], sys.stdin.readline().rstrip("\n"))
            while not sign_in.done:
                print(f"{sign_in.step.challenge_name} code: ", end="", file=sys.stderr, flush=True)
                try:
                    sign_in.answer_code(sys.stdin.readline().strip())
                except CodeMismatchError:
                    print("wrong code, try again", file=sys.stderr)
            with sign_in.session() as session:
                print(f"signed in as {session.username}; tokens expire at {session.tokens.expires_at}")
    except CognitoError as e:
        print(f"error: {e.service_code or e.name}: {e.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
