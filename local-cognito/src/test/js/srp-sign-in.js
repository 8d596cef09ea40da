// Signs in with USER_SRP_AUTH using the reference client amazon-cognito-identity-js.
// Input from the environment (never arguments, so no password shows in a process list):
//   LOCAL_COGNITO_ENDPOINT, USER_POOL_ID, CLIENT_ID, COGNITO_USERNAME, COGNITO_PASSWORD
// Exit 0 and "SIGNED_IN <sub>" on success; exit 1 and "<ErrorCode>: <message>" on failure.
const {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
} = require('amazon-cognito-identity-js');

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
};

const pool = new CognitoUserPool({
  UserPoolId: env('USER_POOL_ID'),
  ClientId: env('CLIENT_ID'),
  endpoint: env('LOCAL_COGNITO_ENDPOINT'),
});
const user = new CognitoUser({ Username: env('COGNITO_USERNAME'), Pool: pool });
user.setAuthenticationFlowType('USER_SRP_AUTH');

user.authenticateUser(
  new AuthenticationDetails({ Username: env('COGNITO_USERNAME'), Password: env('COGNITO_PASSWORD') }),
  {
    onSuccess: (session) => {
      console.log(`SIGNED_IN ${session.getIdToken().payload.sub}`);
      process.exit(0);
    },
    onFailure: (err) => {
      console.log(`${err.code || err.name}: ${err.message}`);
      process.exit(1);
    },
    newPasswordRequired: () => {
      console.log('NEW_PASSWORD_REQUIRED');
      process.exit(3);
    },
  },
);
