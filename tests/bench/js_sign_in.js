// One USER_SRP_AUTH sign-in with amazon-cognito-identity-js (CognitoUser.authenticateUser),
// start to tokens: the Node contender of scripts/bench's process benchmark.
//   NODE_PATH=<dir>/node_modules node js_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME  (password on stdin)
// Exit status 0 with one JSON line on stdout when signed in, 1 otherwise.
'use strict';
const fs = require('fs');
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

const [endpoint, poolId, clientId, username] = process.argv.slice(2);
if (!username) {
  process.stderr.write('usage: js_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME  (password on stdin)\n');
  process.exit(2);
}
const password = fs.readFileSync(0, 'utf8').split('\n')[0];

const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
const fail = (what) => {
  process.stderr.write(`error: ${what}\n`);
  process.exit(1);
};
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    const access = session.getAccessToken();
    process.stdout.write(JSON.stringify({ username: access.payload.username, expires: access.getExpiration() }) + '\n');
    process.exit(0);
  },
  onFailure: (err) => fail(`${err.code || err.name}: ${err.message}`),
  newPasswordRequired: () => fail('NEW_PASSWORD_REQUIRED (use a user that signs straight in)'),
  mfaRequired: () => fail('SMS_MFA (use a user without MFA)'),
  totpRequired: () => fail('SOFTWARE_TOKEN_MFA (use a user without MFA)'),
  customChallenge: () => fail('CUSTOM_CHALLENGE'),
  mfaSetup: () => fail('MFA_SETUP'),
  selectMFAType: () => fail('SELECT_MFA_TYPE'),
});
