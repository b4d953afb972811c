#!/usr/bin/env bash
# The shell-script way to sign in to Cognito today: the AWS CLI. It cannot do
# USER_SRP_AUTH (no SRP math), so USER_PASSWORD_AUTH; a challenge (an MFA
# code, read from stdin after the password) is answered with
# respond-to-auth-challenge. The process contender of scripts/bench:
#   aws_cli_sign_in.sh ENDPOINT CLIENT_ID USERNAME   (password, then any MFA code, on stdin)
# $AWS_CLI names the aws program (default: aws). Initiate-auth is an unsigned
# call, but the CLI still wants a region and (unused) credentials in its environment.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 ENDPOINT CLIENT_ID USERNAME  (password, then any MFA code, on stdin)" >&2
  exit 2
fi
endpoint=$1 client_id=$2 username=$3
aws=${AWS_CLI:-aws}
IFS= read -r password

out=$("$aws" cognito-idp initiate-auth --endpoint-url "$endpoint" \
  --client-id "$client_id" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters "USERNAME=$username,PASSWORD=$password" \
  --query '[ChallengeName, Session, AuthenticationResult.AccessToken]' --output text)
read -r challenge session access <<<"$out"

if [ "$challenge" != None ]; then
  case $challenge in
    SMS_MFA) key=SMS_MFA_CODE ;;
    SOFTWARE_TOKEN_MFA) key=SOFTWARE_TOKEN_MFA_CODE ;;
    EMAIL_OTP) key=EMAIL_OTP_CODE ;;
    *) echo "error: challenge $challenge is not handled by this script" >&2; exit 1 ;;
  esac
  IFS= read -r code
  access=$("$aws" cognito-idp respond-to-auth-challenge --endpoint-url "$endpoint" \
    --client-id "$client_id" --challenge-name "$challenge" --session "$session" \
    --challenge-responses "USERNAME=$username,$key=$code" \
    --query AuthenticationResult.AccessToken --output text)
fi
if [ -z "$access" ] || [ "$access" = None ]; then
  echo "error: no access token" >&2
  exit 1
fi
echo "signed in as $username; access token of ${#access} characters"
