"""Local Amazon Cognito User Pools emulator (the SigV4-free API) for libcognito's tests.

Modules:
  http_server  HTTP/1.1 server (127.0.0.1 only) and the in-process ``Emulator``
  app          routing: Cognito API (X-Amz-Target), JWKS, control API, fault injection
  control      the /_emulator/ control API
  ops/         the Cognito operations, one module per area
  model/state  pools, app clients, users, devices, outbox
  srp_server   Cognito's SRP-6a server math (pure functions)
  tokens       ID / access / refresh tokens; jwt_tokens: RS256 signing and JWKS
  validation   request validation ("N validation errors detected: ...")
  faults       fault-injection rules
"""
