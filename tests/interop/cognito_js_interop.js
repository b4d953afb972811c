// Interop checks: AWS's official JavaScript client, amazon-cognito-identity-js (6.3.21, from npm),
// drives the bundled Cognito emulator (tests/emulator) through every flow the library supports.
// The emulator is thereby checked from the server side by an independent, official client.
//
//   NODE_PATH=<dir>/node_modules node cognito_js_interop.js --endpoint URL [--check NAME ...]
//   node cognito_js_interop.js --list
//
// Every check makes its own pool (and users) through the emulator's control API, so checks are
// independent and may run in parallel against one emulator. Codes come from the emulator's outbox;
// TOTP codes are computed here (RFC 6238, HMAC-SHA1) from the secret AssociateSoftwareToken returned.
// Exit status: 0 all checks passed, 1 a check failed, 2 usage error, 77 the npm package is missing.
//
// What the library cannot do (so there is no check for it):
//  * app clients WITH a secret: the library never sends SECRET_HASH;
//  * USER_AUTH (choice-based / passwordless sign-in): authenticateUser() knows only USER_SRP_AUTH,
//    USER_PASSWORD_AUTH and CUSTOM_AUTH;
//  * EMAIL_OTP MFA: authenticateUserInternal() has no branch for the EMAIL_OTP challenge (it would
//    treat the challenge response as tokens), so email MFA and email MFA set-up are left out;
//  * GetTokensFromRefreshToken / refresh-token rotation: refreshSession() uses REFRESH_TOKEN_AUTH only;
//  * WebAuthn / passkeys.
// Passwords and tokens are never printed.
'use strict';

const crypto = require('crypto');

let AmazonCognitoIdentity;
try {
  AmazonCognitoIdentity = require('amazon-cognito-identity-js');
} catch (e) {
  if (!process.argv.includes('--list')) {
    process.stderr.write(`SKIP: amazon-cognito-identity-js is not installed (NODE_PATH=${process.env.NODE_PATH || ''})\n`);
    process.exit(77);
  }
}

const PASSWORD = 'Interop#Passw0rd1';
const NEW_PASSWORD = 'Interop#Passw0rd2';
const THIRD_PASSWORD = 'Interop#Passw0rd3';

// ---- small helpers ------------------------------------------------------------------------

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function expect(cond, message) {
  if (!cond) fail(message);
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function errText(err) {
  if (!err) return String(err);
  return `${err.code || err.name || 'Error'}: ${err.message}`;
}

function jwtPayload(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

let uniq = 0;
function uniqueName(prefix) {
  uniq += 1;
  return `${prefix}-${process.pid}-${uniq}-${crypto.randomBytes(3).toString('hex')}`;
}

// An in-memory Storage (the library's interface: getItem/setItem/removeItem/clear) that two
// CognitoUser objects can share, so the second sign-in finds the device key the first one stored.
// Like window.localStorage, getItem answers null (not undefined) for a missing key, so the library
// sends "DEVICE_KEY": null in REFRESH_TOKEN_AUTH without a device, as it does in every browser.
class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
    return value;
  }
  removeItem(key) {
    return this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

// ---- TOTP (RFC 6238 / RFC 4226), written here independently of the emulator ---------------

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) fail(`TOTP secret is not base32: bad character ${JSON.stringify(ch)}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totp(secretBase32, epochSeconds) {
  const counter = Math.floor(epochSeconds / 30);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1000000).padStart(6, '0');
}

// ---- the emulator's control API --------------------------------------------------------------

class Control {
  constructor(endpoint) {
    this.base = endpoint.replace(/\/?$/, '/') + '_emulator/';
  }

  async call(method, path, body) {
    const rsp = await fetch(this.base + path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await rsp.text();
    if (!rsp.ok) fail(`control API ${method} ${path} -> HTTP ${rsp.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  async createPool(settings) {
    return this.call('POST', 'pools', settings);
  }

  async addUser(poolId, user) {
    return this.call('POST', `pools/${poolId}/users`, user);
  }

  async getUser(poolId, username) {
    return this.call('GET', `pools/${poolId}/users/${encodeURIComponent(username)}`);
  }

  async poolNow(poolId) {
    return (await this.call('GET', `pools/${poolId}/clock`)).now;
  }

  async advancePoolClock(poolId, seconds) {
    return this.call('POST', `pools/${poolId}/clock`, { advance_seconds: seconds });
  }

  // The newest code the emulator "sent" to username for purpose.
  async lastCode(poolId, username, purpose) {
    const q = new URLSearchParams({ pool_id: poolId, username, purpose });
    const messages = await this.call('GET', `outbox?${q}`);
    if (!messages.length) fail(`no ${purpose} message in the emulator's outbox for ${username}`);
    return messages[messages.length - 1];
  }

  async outboxCount(poolId, username, purpose) {
    const q = new URLSearchParams({ pool_id: poolId, username, purpose });
    return (await this.call('GET', `outbox?${q}`)).length;
  }
}

// ---- one pool + the library's objects --------------------------------------------------------

const ALL_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

class Env {
  constructor(endpoint, control) {
    this.endpoint = endpoint;
    this.control = control;
  }

  // A fresh pool with one public client (no secret) named "public", plus any extra clients.
  async pool(settings = {}, extraClients = []) {
    const { clients, ...rest } = settings;
    const view = await this.control.createPool({
      name: uniqueName('interop'),
      clients: clients || [{ name: 'public', explicit_auth_flows: ALL_FLOWS }, ...extraClients],
      ...rest,
    });
    return new PoolEnv(this, view);
  }
}

class PoolEnv {
  constructor(env, view) {
    this.env = env;
    this.control = env.control;
    this.id = view.user_pool_id;
    this.clients = Object.fromEntries(view.clients.map((c) => [c.name, c]));
    this.storage = new MemoryStorage();
    this.traffic = [];
    this.jsPools = {};
  }

  // The library's CognitoUserPool for a client; its Client.request is wrapped to record which
  // operations (and challenge names) the library sent, so a check can say what went over the wire.
  jsPool(clientName = 'public') {
    if (!this.jsPools[clientName]) {
      const p = new AmazonCognitoIdentity.CognitoUserPool({
        UserPoolId: this.id,
        ClientId: this.clients[clientName].client_id,
        endpoint: this.env.endpoint,
        Storage: this.storage,
      });
      const original = p.client.request.bind(p.client);
      p.client.request = (operation, params, callback) => {
        this.traffic.push({
          operation,
          flow: params && params.AuthFlow,
          challenge: params && params.ChallengeName,
          deviceKey: Boolean(params && ((params.AuthParameters && params.AuthParameters.DEVICE_KEY) ||
            (params.ChallengeResponses && params.ChallengeResponses.DEVICE_KEY))),
        });
        return original(operation, params, callback);
      };
      this.jsPools[clientName] = p;
    }
    return this.jsPools[clientName];
  }

  user(username, clientName = 'public') {
    return new AmazonCognitoIdentity.CognitoUser({ Username: username, Pool: this.jsPool(clientName), Storage: this.storage });
  }

  async addUser(username, extra = {}) {
    const body = { username, attributes: { email: `${username}@example.com` }, ...extra };
    if (!('password' in body) && !('temporary_password' in body)) body.password = PASSWORD;
    return this.control.addUser(this.id, body);
  }

  markTraffic() {
    return this.traffic.length;
  }

  trafficSince(mark) {
    return this.traffic.slice(mark).map((t) => (t.challenge ? `${t.operation}:${t.challenge}` : t.flow ? `${t.operation}:${t.flow}` : t.operation));
  }

  async totpNow(secret, stepOffset = 0) {
    const now = await this.control.poolNow(this.id);
    return totp(secret, now + 30 * stepOffset);
  }
}

// ---- promise wrappers around the library's callback API ---------------------------------------

// Callback-map methods (authenticateUser, sendMFACode, ...): resolves {event, args} for whichever
// callback the library called. Every callback name the library may call is covered.
const AUTH_EVENTS = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired',
  'customChallenge', 'mfaSetup', 'selectMFAType', 'associateSecretCode', 'inputVerificationCode'];

function viaCallbacks(start) {
  return new Promise((resolve) => {
    const callbacks = {};
    for (const event of AUTH_EVENTS) callbacks[event] = (...args) => resolve({ event, args });
    start(callbacks);
  });
}

function describeOutcome(outcome) {
  if (outcome.event === 'onFailure') return `onFailure(${errText(outcome.args[0])})`;
  if (outcome.event === 'onSuccess') return 'onSuccess';
  return `${outcome.event}(${JSON.stringify(outcome.args[outcome.args.length - 1] || null).slice(0, 200)})`;
}

function expectEvent(outcome, event, what) {
  if (outcome.event !== event) fail(`${what}: expected ${event}, got ${describeOutcome(outcome)}`);
  return outcome.args;
}

function expectFailure(outcome, code, what) {
  if (outcome.event !== 'onFailure') fail(`${what}: expected onFailure(${code}), got ${describeOutcome(outcome)}`);
  const err = outcome.args[0];
  if (!err || err.code !== code) fail(`${what}: expected ${code}, got ${errText(err)}`);
  return err;
}

// Node-style (err, result) methods (confirmRegistration, changePassword, ...).
function viaNode(start) {
  return new Promise((resolve) => start((err, ...result) => resolve({ err, result })));
}

async function nodeOk(what, start) {
  const { err, result } = await viaNode(start);
  if (err) fail(`${what} failed: ${errText(err)}`);
  return result;
}

async function nodeErr(what, code, start) {
  const { err } = await viaNode(start);
  if (!err) fail(`${what}: expected ${code}, but it succeeded`);
  if (err.code !== code) fail(`${what}: expected ${code}, got ${errText(err)}`);
  return err;
}

function authDetails(username, password) {
  return new AmazonCognitoIdentity.AuthenticationDetails({ Username: username, Password: password });
}

async function signIn(user, username, password, what) {
  const outcome = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, password), cb));
  const [session] = expectEvent(outcome, 'onSuccess', what);
  return session;
}

function checkSession(session, username, clientId, what) {
  expect(session && session.isValid(), `${what}: the library's CognitoUserSession is not valid`);
  const access = jwtPayload(session.getAccessToken().getJwtToken());
  const id = jwtPayload(session.getIdToken().getJwtToken());
  expectEqual(access.username, username, `${what}: access token 'username'`);
  expectEqual(access.token_use, 'access', `${what}: access token 'token_use'`);
  expectEqual(access.client_id, clientId, `${what}: access token 'client_id'`);
  expectEqual(id['cognito:username'], username, `${what}: ID token 'cognito:username'`);
  expectEqual(id.aud, clientId, `${what}: ID token 'aud'`);
  expect(session.getRefreshToken().getToken(), `${what}: no refresh token`);
  return { access, id };
}

function attributesToObject(list) {
  return Object.fromEntries(list.map((a) => [a.getName(), a.getValue()]));
}

// ---- the checks ---------------------------------------------------------------------------------

const CHECKS = {};

// SignUp (CognitoUserPool.signUp) -> code from the outbox -> confirmRegistration -> USER_SRP_AUTH.
CHECKS.sign_up_confirm_srp_sign_in = async (env) => {
  const p = await env.pool();
  const username = uniqueName('signup');
  const attrs = [new AmazonCognitoIdentity.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })];
  const [result] = await nodeOk('signUp', (cb) => p.jsPool().signUp(username, PASSWORD, attrs, [], cb));
  expectEqual(result.userConfirmed, false, 'signUp: userConfirmed');
  expect(/^[0-9a-f-]{36}$/.test(result.userSub || ''), `signUp: userSub is not a UUID: ${result.userSub}`);
  expectEqual(result.codeDeliveryDetails && result.codeDeliveryDetails.DeliveryMedium, 'EMAIL', 'signUp: CodeDeliveryDetails.DeliveryMedium');

  // Unconfirmed: sign-in must be refused with UserNotConfirmedException.
  const early = await viaCallbacks((cb) => p.user(username).authenticateUser(authDetails(username, PASSWORD), cb));
  expectFailure(early, 'UserNotConfirmedException', 'sign-in before confirmation');

  // A wrong code first, then resendConfirmationCode and the new code.
  const first = await p.control.lastCode(p.id, username, 'SIGN_UP');
  const wrong = first.code === '000000' ? '111111' : '000000';
  await nodeErr('confirmRegistration with a wrong code', 'CodeMismatchException',
    (cb) => result.user.confirmRegistration(wrong, true, cb));
  await nodeOk('resendConfirmationCode', (cb) => result.user.resendConfirmationCode(cb));
  const second = await p.control.lastCode(p.id, username, 'SIGN_UP');
  expect(second.id !== first.id, 'resendConfirmationCode: no new SIGN_UP message in the outbox');
  const [status] = await nodeOk('confirmRegistration', (cb) => result.user.confirmRegistration(second.code, true, cb));
  expectEqual(status, 'SUCCESS', 'confirmRegistration result');

  const mark = p.markTraffic();
  const user = p.user(username);
  const session = await signIn(user, username, PASSWORD, 'USER_SRP_AUTH sign-in after confirmation');
  const { access, id } = checkSession(session, username, p.clients.public.client_id, 'USER_SRP_AUTH sign-in');
  expectEqual(access.sub, result.userSub, 'access token sub vs signUp userSub');
  expectEqual(id.email, `${username}@example.com`, 'ID token email');
  expectEqual(id.email_verified, true, 'ID token email_verified after confirmation');
  expectEqual(p.trafficSince(mark).join(' '), 'InitiateAuth:USER_SRP_AUTH RespondToAuthChallenge:PASSWORD_VERIFIER',
    'wire sequence of the SRP sign-in');
};

// SRP sign-in by alias (email): the library must switch to USER_ID_FOR_SRP for x and the signature.
CHECKS.srp_sign_in_with_alias = async (env) => {
  const p = await env.pool({ alias_attributes: ['email'] });
  const username = uniqueName('alias');
  await p.addUser(username);
  const email = `${username}@example.com`;
  const user = p.user(email);
  const session = await signIn(user, email, PASSWORD, 'USER_SRP_AUTH with the email alias');
  checkSession(session, username, p.clients.public.client_id, 'USER_SRP_AUTH with the email alias');
  expectEqual(user.getUsername(), username, 'CognitoUser username after sign-in (USER_ID_FOR_SRP)');
};

// Wrong passwords come back as NotAuthorizedException through onFailure (SRP and plain), and an
// unknown user too (PreventUserExistenceErrors ENABLED: simulated SRP challenge, then NotAuthorized).
CHECKS.wrong_password_not_authorized = async (env) => {
  const p = await env.pool();
  const username = uniqueName('wrongpw');
  await p.addUser(username);
  const srp = await viaCallbacks((cb) => p.user(username).authenticateUser(authDetails(username, 'Wrong#Passw0rd9'), cb));
  const e1 = expectFailure(srp, 'NotAuthorizedException', 'USER_SRP_AUTH with a wrong password');
  expectEqual(e1.message, 'Incorrect username or password.', 'USER_SRP_AUTH wrong password message');

  const plainUser = p.user(username);
  plainUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const plain = await viaCallbacks((cb) => plainUser.authenticateUser(authDetails(username, 'Wrong#Passw0rd9'), cb));
  expectFailure(plain, 'NotAuthorizedException', 'USER_PASSWORD_AUTH with a wrong password');

  const ghost = uniqueName('nobody');
  const unknown = await viaCallbacks((cb) => p.user(ghost).authenticateUser(authDetails(ghost, PASSWORD), cb));
  expectFailure(unknown, 'NotAuthorizedException', 'USER_SRP_AUTH for an unknown user (PreventUserExistenceErrors ENABLED)');

  // Still able to sign in with the right password (two failures are below the lock-out threshold).
  await signIn(p.user(username), username, PASSWORD, 'USER_SRP_AUTH with the right password after failures');
};

// USER_PASSWORD_AUTH via setAuthenticationFlowType; refused on a client without the flow.
CHECKS.user_password_auth = async (env) => {
  const p = await env.pool({
    clients: [
      { name: 'public', explicit_auth_flows: ALL_FLOWS },
      { name: 'srp_only', explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    ],
  });
  const username = uniqueName('plain');
  await p.addUser(username);
  const user = p.user(username);
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const mark = p.markTraffic();
  const session = await signIn(user, username, PASSWORD, 'USER_PASSWORD_AUTH sign-in');
  checkSession(session, username, p.clients.public.client_id, 'USER_PASSWORD_AUTH sign-in');
  expectEqual(p.trafficSince(mark).join(' '), 'InitiateAuth:USER_PASSWORD_AUTH', 'wire sequence of USER_PASSWORD_AUTH');

  const refused = p.user(username, 'srp_only');
  refused.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const outcome = await viaCallbacks((cb) => refused.authenticateUser(authDetails(username, PASSWORD), cb));
  const err = expectFailure(outcome, 'InvalidParameterException', 'USER_PASSWORD_AUTH on a client without ALLOW_USER_PASSWORD_AUTH');
  expect(/USER_PASSWORD_AUTH flow not enabled/.test(err.message), `unexpected message: ${err.message}`);
};

// CUSTOM_AUTH started with SRP (CHALLENGE_NAME=SRP_A) against the emulator's built-in OTP trigger:
// PASSWORD_VERIFIER, then CUSTOM_CHALLENGE; a wrong answer gets a new CUSTOM_CHALLENGE.
CHECKS.custom_auth_with_srp = async (env) => {
  const p = await env.pool({ custom_auth: { type: 'otp', medium: 'EMAIL', max_attempts: 3 } });
  const username = uniqueName('custom');
  await p.addUser(username);
  const user = p.user(username);
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const mark = p.markTraffic();
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  expectEvent(first, 'customChallenge', 'CUSTOM_AUTH with SRP');
  const msg = await p.control.lastCode(p.id, username, 'CUSTOM_CHALLENGE');
  const wrongCode = msg.code === '000000' ? '111111' : '000000';
  const again = await viaCallbacks((cb) => user.sendCustomChallengeAnswer(wrongCode, cb));
  expectEvent(again, 'customChallenge', 'a wrong custom-challenge answer');
  const done = await viaCallbacks((cb) => user.sendCustomChallengeAnswer(msg.code, cb));
  const [session] = expectEvent(done, 'onSuccess', 'the right custom-challenge answer');
  checkSession(session, username, p.clients.public.client_id, 'CUSTOM_AUTH with SRP');
  expectEqual(p.trafficSince(mark).join(' '),
    'InitiateAuth:CUSTOM_AUTH RespondToAuthChallenge:PASSWORD_VERIFIER RespondToAuthChallenge:CUSTOM_CHALLENGE RespondToAuthChallenge:CUSTOM_CHALLENGE',
    'wire sequence of CUSTOM_AUTH with SRP');

  // A wrong password during the SRP step of CUSTOM_AUTH.
  const bad = p.user(username);
  bad.setAuthenticationFlowType('CUSTOM_AUTH');
  const badOutcome = await viaCallbacks((cb) => bad.authenticateUser(authDetails(username, 'Wrong#Passw0rd9'), cb));
  expectFailure(badOutcome, 'NotAuthorizedException', 'CUSTOM_AUTH with SRP and a wrong password');
};

// CUSTOM_AUTH without a password (CognitoUser.initiateAuth): straight to CUSTOM_CHALLENGE.
CHECKS.custom_auth_passwordless = async (env) => {
  const p = await env.pool({ custom_auth: { type: 'otp', medium: 'EMAIL', max_attempts: 3 } });
  const username = uniqueName('custom0');
  await p.addUser(username);
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.initiateAuth(new AmazonCognitoIdentity.AuthenticationDetails({ Username: username }), cb));
  expectEvent(first, 'customChallenge', 'CUSTOM_AUTH (no SRP)');
  const msg = await p.control.lastCode(p.id, username, 'CUSTOM_CHALLENGE');
  const done = await viaCallbacks((cb) => user.sendCustomChallengeAnswer(msg.code, cb));
  const [session] = expectEvent(done, 'onSuccess', 'custom-challenge answer');
  checkSession(session, username, p.clients.public.client_id, 'CUSTOM_AUTH (no SRP)');
};

// TOTP set-up while signed in (associateSoftwareToken / verifySoftwareToken with the access token),
// setUserMfaPreference, then a sign-in answering SOFTWARE_TOKEN_MFA (a wrong code first).
CHECKS.totp_setup_and_sign_in = async (env) => {
  const p = await env.pool({ mfa: 'OPTIONAL' });
  const username = uniqueName('totp');
  await p.addUser(username);
  const user = p.user(username);
  await signIn(user, username, PASSWORD, 'sign-in before TOTP set-up');

  const assoc = await viaCallbacks((cb) => user.associateSoftwareToken(cb));
  const [secret] = expectEvent(assoc, 'associateSecretCode', 'associateSoftwareToken');
  expect(/^[A-Z2-7]+=*$/.test(secret) && secret.length >= 16, 'associateSoftwareToken: SecretCode is not base32 (>= 16 chars)');
  const verified = await viaCallbacks((cb) => user.verifySoftwareToken(totp(secret, Date.now() / 1000 - 3600), 'interop', cb));
  expectFailure(verified, 'EnableSoftwareTokenMFAException', 'verifySoftwareToken with an hour-old code');
  const code = await p.totpNow(secret);
  const ok = await viaCallbacks((cb) => user.verifySoftwareToken(code, 'interop', cb));
  const [data] = expectEvent(ok, 'onSuccess', 'verifySoftwareToken');
  expectEqual(data.Status, 'SUCCESS', 'verifySoftwareToken Status');
  await nodeOk('setUserMfaPreference', (cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));

  // The code used for verification is spent (reuse prevention): move the pool clock to the next step.
  await p.control.advancePoolClock(p.id, 30);
  const again = p.user(username);
  const challenged = await viaCallbacks((cb) => again.authenticateUser(authDetails(username, PASSWORD), cb));
  expectEvent(challenged, 'totpRequired', 'sign-in with TOTP enabled');
  const next = await p.totpNow(secret);
  const wrong = next === '000000' ? '111111' : '000000';
  const bad = await viaCallbacks((cb) => again.sendMFACode(wrong, cb, 'SOFTWARE_TOKEN_MFA'));
  expectFailure(bad, 'CodeMismatchException', 'SOFTWARE_TOKEN_MFA with a wrong code');
  const done = await viaCallbacks((cb) => again.sendMFACode(next, cb, 'SOFTWARE_TOKEN_MFA'));
  const [session] = expectEvent(done, 'onSuccess', 'SOFTWARE_TOKEN_MFA with the right code');
  checkSession(session, username, p.clients.public.client_id, 'TOTP sign-in');
};

// MFA required and nothing configured: MFA_SETUP during sign-in, set up with the Session
// (associateSoftwareToken / verifySoftwareToken without tokens), which finishes the sign-in.
CHECKS.totp_mfa_setup_challenge = async (env) => {
  const p = await env.pool({ mfa: 'ON', mfa_types: ['SOFTWARE_TOKEN_MFA'] });
  const username = uniqueName('mfasetup');
  await p.addUser(username);
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  const [name, params] = expectEvent(first, 'mfaSetup', 'sign-in with MFA ON and no factor');
  expectEqual(name, 'MFA_SETUP', 'challenge name');
  expectEqual(JSON.stringify(JSON.parse(params.MFAS_CAN_SETUP)), '["SOFTWARE_TOKEN_MFA"]', 'MFAS_CAN_SETUP');
  const assoc = await viaCallbacks((cb) => user.associateSoftwareToken(cb));
  const [secret] = expectEvent(assoc, 'associateSecretCode', 'associateSoftwareToken with the MFA_SETUP Session');
  const code = await p.totpNow(secret);
  const done = await viaCallbacks((cb) => user.verifySoftwareToken(code, 'interop', cb));
  const [session] = expectEvent(done, 'onSuccess', 'verifySoftwareToken + MFA_SETUP answer');
  checkSession(session, username, p.clients.public.client_id, 'MFA_SETUP sign-in');
  const view = await p.control.getUser(p.id, username);
  expect(view.mfa && view.mfa.totp, `TOTP is not enabled on the user after MFA_SETUP: ${JSON.stringify(view.mfa)}`);
};

// SMS MFA: mfaRequired, code from the outbox, sendMFACode (default SMS_MFA).
CHECKS.sms_mfa_sign_in = async (env) => {
  const p = await env.pool({ mfa: 'OPTIONAL' });
  const username = uniqueName('sms');
  await p.addUser(username, {
    attributes: { email: `${username}@example.com`, phone_number: '+15555550123' },
    mfa: { sms: true, preferred: 'SMS_MFA' },
  });
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  const [name, params] = expectEvent(first, 'mfaRequired', 'sign-in with SMS MFA');
  expectEqual(name, 'SMS_MFA', 'challenge name');
  expectEqual(params.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS', 'CODE_DELIVERY_DELIVERY_MEDIUM');
  const msg = await p.control.lastCode(p.id, username, 'SMS_MFA');
  const done = await viaCallbacks((cb) => user.sendMFACode(msg.code, cb));
  const [session] = expectEvent(done, 'onSuccess', 'SMS_MFA answer');
  checkSession(session, username, p.clients.public.client_id, 'SMS MFA sign-in');
};

// Several factors, no preference: SELECT_MFA_TYPE, sendMFASelectionAnswer, then the chosen one.
CHECKS.select_mfa_type = async (env) => {
  const p = await env.pool({ mfa: 'OPTIONAL' });
  const username = uniqueName('select');
  const secret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
  await p.addUser(username, {
    attributes: { email: `${username}@example.com`, phone_number: '+15555550124' },
    mfa: { sms: true, totp: true },
    totp_secret: secret,
  });
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  const [, params] = expectEvent(first, 'selectMFAType', 'sign-in with SMS and TOTP, no preference');
  const choices = JSON.parse(params.MFAS_CAN_CHOOSE);
  expect(choices.includes('SMS_MFA') && choices.includes('SOFTWARE_TOKEN_MFA'), `MFAS_CAN_CHOOSE: ${params.MFAS_CAN_CHOOSE}`);
  const chosen = await viaCallbacks((cb) => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', cb));
  expectEvent(chosen, 'totpRequired', 'SELECT_MFA_TYPE answer SOFTWARE_TOKEN_MFA');
  const done = await viaCallbacks(async (cb) => user.sendMFACode(await p.totpNow(secret), cb, 'SOFTWARE_TOKEN_MFA'));
  const [session] = expectEvent(done, 'onSuccess', 'SOFTWARE_TOKEN_MFA after SELECT_MFA_TYPE');
  checkSession(session, username, p.clients.public.client_id, 'SELECT_MFA_TYPE sign-in');
};

// Admin-created user with a temporary password: NEW_PASSWORD_REQUIRED with a missing required
// attribute, completeNewPasswordChallenge, then a sign-in with the new password.
CHECKS.new_password_required = async (env) => {
  const p = await env.pool({ required_attributes: ['email', 'name'] });
  const username = uniqueName('newpw');
  await p.addUser(username, { temporary_password: 'Temp#Passw0rd1', status: 'FORCE_CHANGE_PASSWORD' });
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, 'Temp#Passw0rd1'), cb));
  const [userAttributes, requiredAttributes] = expectEvent(first, 'newPasswordRequired', 'sign-in with a temporary password');
  expectEqual(userAttributes && userAttributes.email, `${username}@example.com`, 'NEW_PASSWORD_REQUIRED userAttributes.email');
  expectEqual(JSON.stringify(requiredAttributes), '["name"]', 'NEW_PASSWORD_REQUIRED requiredAttributes (prefix stripped by the library)');
  const done = await viaCallbacks((cb) => user.completeNewPasswordChallenge(NEW_PASSWORD, { name: 'Interop User' }, cb));
  const [session] = expectEvent(done, 'onSuccess', 'completeNewPasswordChallenge');
  const { id } = checkSession(session, username, p.clients.public.client_id, 'NEW_PASSWORD_REQUIRED sign-in');
  expectEqual(id.name, 'Interop User', 'ID token name set through NEW_PASSWORD_REQUIRED');
  const view = await p.control.getUser(p.id, username);
  expectEqual(view.status, 'CONFIRMED', 'user status after the new password');
  await signIn(p.user(username), username, NEW_PASSWORD, 'sign-in with the new password');
  const old = await viaCallbacks((cb) => p.user(username).authenticateUser(authDetails(username, 'Temp#Passw0rd1'), cb));
  expectFailure(old, 'NotAuthorizedException', 'sign-in with the old temporary password');
};

// Remembered device: the first sign-in (with TOTP MFA) gets NewDeviceMetadata and the library runs
// ConfirmDevice; setDeviceStatusRemembered; a second CognitoUser sharing the storage then signs in
// through DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, skipping MFA; refreshSession sends the
// device key; getDevice/listDevices show the remembered device.
CHECKS.remembered_device = async (env) => {
  const p = await env.pool({ mfa: 'OPTIONAL', device_tracking: 'USER_OPT_IN', device_mfa_bypass: true });
  const username = uniqueName('device');
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  await p.addUser(username, { mfa: { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' }, totp_secret: secret });

  const user = p.user(username);
  let mark = p.markTraffic();
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  expectEvent(first, 'totpRequired', 'first sign-in (no device yet)');
  const done = await viaCallbacks(async (cb) => user.sendMFACode(await p.totpNow(secret), cb, 'SOFTWARE_TOKEN_MFA'));
  const [session, confirmationNecessary] = expectEvent(done, 'onSuccess', 'SOFTWARE_TOKEN_MFA on the first sign-in');
  checkSession(session, username, p.clients.public.client_id, 'first sign-in');
  expectEqual(confirmationNecessary, true, 'ConfirmDevice UserConfirmationNecessary (USER_OPT_IN pool)');
  expectEqual(p.trafficSince(mark).join(' '),
    'InitiateAuth:USER_SRP_AUTH RespondToAuthChallenge:PASSWORD_VERIFIER RespondToAuthChallenge:SOFTWARE_TOKEN_MFA ConfirmDevice',
    'wire sequence of the first sign-in');
  const deviceKey = user.deviceKey;
  expect(deviceKey && /^[\w-]+_[0-9a-f-]+$/.test(deviceKey), `the library holds no valid device key: ${deviceKey}`);
  expectEqual(p.storage.getItem(`CognitoIdentityServiceProvider.${p.clients.public.client_id}.${username}.deviceKey`),
    deviceKey, 'device key in the shared storage');

  const remembered = await viaCallbacks((cb) => user.setDeviceStatusRemembered(cb));
  expectEvent(remembered, 'onSuccess', 'setDeviceStatusRemembered');
  const dev = await viaCallbacks((cb) => user.getDevice(cb));
  const [device] = expectEvent(dev, 'onSuccess', 'getDevice');
  expectEqual(device.Device && device.Device.DeviceKey, deviceKey, 'getDevice DeviceKey');
  const status = (device.Device.DeviceAttributes || []).find((a) => a.Name === 'dev:device_remembered_status');
  expectEqual(status && status.Value, 'remembered', 'getDevice dev:device_remembered_status');
  const list = await viaCallbacks((cb) => user.listDevices(10, null, cb));
  const [listed] = expectEvent(list, 'onSuccess', 'listDevices');
  expectEqual((listed.Devices || []).map((d) => d.DeviceKey).join(','), deviceKey, 'listDevices keys');

  // The TOTP code of the first sign-in is spent; the second one must not need any.
  await p.control.advancePoolClock(p.id, 30);
  const second = p.user(username);
  mark = p.markTraffic();
  const session2 = await signIn(second, username, PASSWORD, 'second sign-in with the remembered device');
  expectEqual(p.trafficSince(mark).join(' '),
    'InitiateAuth:USER_SRP_AUTH RespondToAuthChallenge:PASSWORD_VERIFIER RespondToAuthChallenge:DEVICE_SRP_AUTH RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    'wire sequence of the device sign-in (MFA skipped)');
  const { access } = checkSession(session2, username, p.clients.public.client_id, 'device sign-in');
  expectEqual(access.device_key, deviceKey, "access token 'device_key' after device SRP");

  // refreshSession: REFRESH_TOKEN_AUTH with DEVICE_KEY taken from the storage (LastAuthUser).
  mark = p.markTraffic();
  const [refreshed] = await nodeOk('refreshSession with the device key',
    (cb) => second.refreshSession(session2.getRefreshToken(), cb));
  expect(p.traffic.slice(mark).some((t) => t.flow === 'REFRESH_TOKEN_AUTH' && t.deviceKey), 'refreshSession did not send DEVICE_KEY');
  const r = checkSession(refreshed, username, p.clients.public.client_id, 'refreshSession');
  expectEqual(r.access.device_key, deviceKey, "refreshed access token 'device_key'");
  expectEqual(refreshed.getRefreshToken().getToken(), session2.getRefreshToken().getToken(), 'refresh token kept after REFRESH_TOKEN_AUTH');
};

// A device forgotten on the server while the library still holds its key: PASSWORD_VERIFIER with
// that DEVICE_KEY -> ResourceNotFoundException mentioning "device" -> the library drops the key and
// retries the same answer without it (the emulator must allow that), and MFA is asked again.
CHECKS.forgotten_device_retry = async (env) => {
  const p = await env.pool({ mfa: 'OPTIONAL', device_tracking: 'ALWAYS', device_mfa_bypass: true });
  const username = uniqueName('forget');
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  await p.addUser(username, { mfa: { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' }, totp_secret: secret });
  const user = p.user(username);
  const first = await viaCallbacks((cb) => user.authenticateUser(authDetails(username, PASSWORD), cb));
  expectEvent(first, 'totpRequired', 'first sign-in');
  const done = await viaCallbacks(async (cb) => user.sendMFACode(await p.totpNow(secret), cb, 'SOFTWARE_TOKEN_MFA'));
  const [, confirmationNecessary] = expectEvent(done, 'onSuccess', 'first sign-in MFA answer');
  expect(!confirmationNecessary, 'ConfirmDevice asked for user confirmation in an ALWAYS pool');
  const deviceKey = user.deviceKey;
  expect(deviceKey, 'no device key after the first sign-in');

  // Forget it through another object, so the shared storage still holds the key.
  const other = p.user(username);
  other.setSignInUserSession(user.getSignInUserSession());
  const forgot = await viaCallbacks((cb) => other.forgetSpecificDevice(deviceKey, cb));
  expectEvent(forgot, 'onSuccess', 'forgetSpecificDevice');

  await p.control.advancePoolClock(p.id, 30);
  const again = p.user(username);
  const mark = p.markTraffic();
  const outcome = await viaCallbacks((cb) => again.authenticateUser(authDetails(username, PASSWORD), cb));
  expectEvent(outcome, 'totpRequired', 'sign-in after the device was forgotten');
  expectEqual(p.trafficSince(mark).join(' '),
    'InitiateAuth:USER_SRP_AUTH RespondToAuthChallenge:PASSWORD_VERIFIER RespondToAuthChallenge:PASSWORD_VERIFIER',
    'wire sequence (PASSWORD_VERIFIER retried without the forgotten DEVICE_KEY)');
  expect(p.traffic[mark + 1].deviceKey && !p.traffic[mark + 2].deviceKey, 'first PASSWORD_VERIFIER should carry DEVICE_KEY, the retry not');
  const fin = await viaCallbacks(async (cb) => again.sendMFACode(await p.totpNow(secret), cb, 'SOFTWARE_TOKEN_MFA'));
  expectEvent(fin, 'onSuccess', 'MFA answer after the retry');
  expect(again.deviceKey && again.deviceKey !== deviceKey, 'no new device was registered after the forgotten one');
};

// refreshSession on a pool without device tracking: new access/ID tokens, same refresh token.
CHECKS.refresh_session = async (env) => {
  const p = await env.pool();
  const username = uniqueName('refresh');
  await p.addUser(username);
  const user = p.user(username);
  const session = await signIn(user, username, PASSWORD, 'sign-in');
  const before = jwtPayload(session.getAccessToken().getJwtToken());
  const [refreshed] = await nodeOk('refreshSession', (cb) => user.refreshSession(session.getRefreshToken(), cb));
  const { access } = checkSession(refreshed, username, p.clients.public.client_id, 'refreshSession');
  expect(access.jti !== before.jti, 'refreshSession returned the same access token');
  expectEqual(access.auth_time, before.auth_time, 'auth_time preserved across refresh');
  expectEqual(access.origin_jti, before.origin_jti, 'origin_jti preserved across refresh');
  // getSession() with valid cached tokens answers from the storage.
  const [cached] = await nodeOk('getSession', (cb) => p.user(username).getSession(cb));
  expectEqual(cached.getAccessToken().getJwtToken(), refreshed.getAccessToken().getJwtToken(), 'getSession cached access token');
};

// Account operations with the access token: getUserAttributes, updateAttributes (with an email
// change verified by getAttributeVerificationCode/verifyAttribute), deleteAttributes, changePassword.
CHECKS.account_attributes_and_password = async (env) => {
  const p = await env.pool();
  const username = uniqueName('account');
  await p.addUser(username, { attributes: { email: `${username}@example.com`, name: 'Before' } });
  const user = p.user(username);
  await signIn(user, username, PASSWORD, 'sign-in');

  let [attrs] = await nodeOk('getUserAttributes', (cb) => user.getUserAttributes(cb));
  let a = attributesToObject(attrs);
  expectEqual(a.email, `${username}@example.com`, 'getUserAttributes email');
  expectEqual(a.name, 'Before', 'getUserAttributes name');
  expect(/^[0-9a-f-]{36}$/.test(a.sub || ''), 'getUserAttributes: no sub');

  const newEmail = `${username}-new@example.com`;
  await nodeOk('updateAttributes', (cb) => user.updateAttributes([
    new AmazonCognitoIdentity.CognitoUserAttribute({ Name: 'name', Value: 'After' }),
    { Name: 'email', Value: newEmail },
  ], cb));
  [attrs] = await nodeOk('getUserAttributes after update', (cb) => user.getUserAttributes(cb));
  a = attributesToObject(attrs);
  expectEqual(a.name, 'After', 'name after updateAttributes');
  expectEqual(a.email, newEmail, 'email after updateAttributes');
  expectEqual(a.email_verified, 'false', 'email_verified after an email change');
  const verifyMsg = await p.control.lastCode(p.id, username, 'VERIFY_ATTRIBUTE');
  expectEqual(verifyMsg.to, newEmail, 'verification code sent to');

  const resent = await viaCallbacks((cb) => user.getAttributeVerificationCode('email', cb));
  const [delivery] = expectEvent(resent, 'inputVerificationCode', 'getAttributeVerificationCode');
  expectEqual(delivery.CodeDeliveryDetails && delivery.CodeDeliveryDetails.AttributeName, 'email', 'CodeDeliveryDetails.AttributeName');
  const code = (await p.control.lastCode(p.id, username, 'VERIFY_ATTRIBUTE')).code;
  const verified = await viaCallbacks((cb) => user.verifyAttribute('email', code, cb));
  expectEvent(verified, 'onSuccess', 'verifyAttribute');
  [attrs] = await nodeOk('getUserAttributes after verification', (cb) => user.getUserAttributes(cb));
  expectEqual(attributesToObject(attrs).email_verified, 'true', 'email_verified after verifyAttribute');

  await nodeOk('deleteAttributes', (cb) => user.deleteAttributes(['name'], cb));
  [attrs] = await nodeOk('getUserAttributes after delete', (cb) => user.getUserAttributes(cb));
  expect(!('name' in attributesToObject(attrs)), 'name still present after deleteAttributes');

  await nodeErr('changePassword with a wrong old password', 'NotAuthorizedException',
    (cb) => user.changePassword('Wrong#Passw0rd9', NEW_PASSWORD, cb));
  await nodeErr('changePassword to a password that breaks the policy', 'InvalidPasswordException',
    (cb) => user.changePassword(PASSWORD, 'short', cb));
  const [changed] = await nodeOk('changePassword', (cb) => user.changePassword(PASSWORD, NEW_PASSWORD, cb));
  expectEqual(changed, 'SUCCESS', 'changePassword result');
  await signIn(p.user(username), username, NEW_PASSWORD, 'sign-in with the changed password');
  const old = await viaCallbacks((cb) => p.user(username).authenticateUser(authDetails(username, PASSWORD), cb));
  expectFailure(old, 'NotAuthorizedException', 'sign-in with the old password');
};

// forgotPassword -> FORGOT_PASSWORD code from the outbox -> confirmPassword -> sign-in.
CHECKS.forgot_password = async (env) => {
  const p = await env.pool();
  const username = uniqueName('forgot');
  await p.addUser(username);
  const user = p.user(username);
  const started = await viaCallbacks((cb) => user.forgotPassword(cb));
  const [data] = expectEvent(started, 'inputVerificationCode', 'forgotPassword');
  expectEqual(data.CodeDeliveryDetails && data.CodeDeliveryDetails.DeliveryMedium, 'EMAIL', 'forgotPassword DeliveryMedium');
  const msg = await p.control.lastCode(p.id, username, 'FORGOT_PASSWORD');
  const wrong = msg.code === '000000' ? '111111' : '000000';
  const bad = await viaCallbacks((cb) => user.confirmPassword(wrong, THIRD_PASSWORD, cb));
  expectFailure(bad, 'CodeMismatchException', 'confirmPassword with a wrong code');
  const ok = await viaCallbacks((cb) => user.confirmPassword(msg.code, THIRD_PASSWORD, cb));
  expectEvent(ok, 'onSuccess', 'confirmPassword');
  await signIn(p.user(username), username, THIRD_PASSWORD, 'sign-in with the reset password');

  // Unknown user with PreventUserExistenceErrors ENABLED: a simulated delivery, nothing sent.
  const ghost = uniqueName('nobody');
  const sim = await viaCallbacks((cb) => p.user(ghost).forgotPassword(cb));
  expectEvent(sim, 'inputVerificationCode', 'forgotPassword for an unknown user (simulated)');
  expectEqual(await p.control.outboxCount(p.id, ghost, 'FORGOT_PASSWORD'), 0, 'messages sent for an unknown user');
};

// globalSignOut revokes the access token (GetUser -> NotAuthorizedException) and the refresh token.
CHECKS.global_sign_out = async (env) => {
  const p = await env.pool();
  const username = uniqueName('signout');
  await p.addUser(username);
  const user = p.user(username);
  const session = await signIn(user, username, PASSWORD, 'sign-in');
  const out = await viaCallbacks((cb) => user.globalSignOut(cb));
  expectEvent(out, 'onSuccess', 'globalSignOut');
  expectEqual(p.storage.getItem(`CognitoIdentityServiceProvider.${p.clients.public.client_id}.LastAuthUser`), null,
    'the library cleared its cached tokens');
  // The library's session object still holds the (revoked) access token.
  const err = await nodeErr('getUserAttributes after globalSignOut', 'NotAuthorizedException', (cb) => user.getUserAttributes(cb));
  expectEqual(err.message, 'Access Token has been revoked', 'GetUser message after globalSignOut');
  // REFRESH_TOKEN_AUTH with the old refresh token, through the library's client (refreshSession
  // itself retries every error with backoff for seconds, so the plain request is used here).
  const refreshed = await viaNode((cb) => p.jsPool().client.request('InitiateAuth', {
    ClientId: p.clients.public.client_id,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
  }, cb));
  expect(refreshed.err && refreshed.err.code === 'NotAuthorizedException',
    `REFRESH_TOKEN_AUTH after globalSignOut: expected NotAuthorizedException, got ${refreshed.err ? errText(refreshed.err) : 'tokens'}`);
};

// signOut(callback) revokes the refresh token with RevokeToken (origin_jti present).
CHECKS.sign_out_revoke_token = async (env) => {
  const p = await env.pool();
  const username = uniqueName('revoke');
  await p.addUser(username);
  const user = p.user(username);
  const session = await signIn(user, username, PASSWORD, 'sign-in');
  expect(jwtPayload(session.getAccessToken().getJwtToken()).origin_jti, 'access token has no origin_jti (token revocation)');
  const mark = p.markTraffic();
  const err = await new Promise((resolve) => user.signOut((e) => resolve(e)));
  if (err) fail(`signOut(revoke) failed: ${errText(err)}`);
  expect(p.trafficSince(mark).includes('RevokeToken'), `signOut did not call RevokeToken: ${p.trafficSince(mark).join(' ')}`);
  const refreshed = await viaNode((cb) => p.jsPool().client.request('InitiateAuth', {
    ClientId: p.clients.public.client_id,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
  }, cb));
  expect(refreshed.err && refreshed.err.code === 'NotAuthorizedException',
    `REFRESH_TOKEN_AUTH after RevokeToken: expected NotAuthorizedException, got ${refreshed.err ? errText(refreshed.err) : 'tokens'}`);
  // The access tokens minted from that refresh token are revoked too.
  const user2 = p.user(username);
  user2.setSignInUserSession(session);
  await nodeErr('getUserAttributes after RevokeToken', 'NotAuthorizedException', (cb) => user2.getUserAttributes(cb));
};

// deleteUser: afterwards the user cannot sign in, and the username can be signed up again.
CHECKS.delete_user = async (env) => {
  const p = await env.pool();
  const username = uniqueName('delete');
  await p.addUser(username);
  const user = p.user(username);
  await signIn(user, username, PASSWORD, 'sign-in');
  const [res] = await nodeOk('deleteUser', (cb) => user.deleteUser(cb));
  expectEqual(res, 'SUCCESS', 'deleteUser result');
  const after = await viaCallbacks((cb) => p.user(username).authenticateUser(authDetails(username, PASSWORD), cb));
  expectFailure(after, 'NotAuthorizedException', 'sign-in after deleteUser');
  const [again] = await nodeOk('signUp with the deleted username', (cb) => p.jsPool().signUp(username, PASSWORD,
    [{ Name: 'email', Value: `${username}@example.com` }], null, cb));
  expectEqual(again.userConfirmed, false, 'signUp again: userConfirmed');
};

// ---- main ---------------------------------------------------------------------------------------

function usage(msg) {
  process.stderr.write(`${msg}\nusage: cognito_js_interop.js --endpoint URL [--check NAME ...] | --list\n`);
  process.exit(2);
}

async function main() {
  const argv = process.argv.slice(2);
  let endpoint = null;
  const selected = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') {
      process.stdout.write(Object.keys(CHECKS).join('\n') + '\n');
      return 0;
    } else if (argv[i] === '--endpoint') endpoint = argv[++i];
    else if (argv[i] === '--check') selected.push(argv[++i]);
    else usage(`unknown argument ${argv[i]}`);
  }
  if (!endpoint) usage('--endpoint is required');
  for (const name of selected) if (!CHECKS[name]) usage(`unknown check ${name}`);
  const names = selected.length ? selected : Object.keys(CHECKS);
  const env = new Env(endpoint, new Control(endpoint));
  let failed = 0;
  for (const name of names) {
    const t0 = Date.now();
    try {
      await CHECKS[name](env);
      process.stdout.write(`PASS ${name} (${Date.now() - t0} ms)\n`);
    } catch (e) {
      failed += 1;
      const detail = e instanceof CheckFailed ? e.message : (e && e.stack) || String(e);
      process.stdout.write(`FAIL ${name}: ${detail}\n`);
    }
  }
  process.stdout.write(`${names.length - failed}/${names.length} checks passed\n`);
  return failed ? 1 : 0;
}

process.on('unhandledRejection', (e) => {
  process.stdout.write(`FAIL: unhandled rejection: ${(e && e.stack) || e}\n`);
  process.exit(1);
});

main().then((code) => process.exit(code), (e) => {
  process.stdout.write(`FAIL: ${(e && e.stack) || e}\n`);
  process.exit(1);
});
