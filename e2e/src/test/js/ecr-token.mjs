// Usage: node ecr-token.mjs ENDPOINT REGION
// Prints the authorization token ECR answered, then the SDK's version. Credentials come from the
// SDK's own default chain (environment, profile with credential_process, container variables).
import { ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { createRequire } from "node:module";

const [endpoint, region] = process.argv.slice(2);
const client = new ECRClient({ endpoint, region, credentials: fromNodeProviderChain(), maxAttempts: 1 });
try {
  const answer = await client.send(new GetAuthorizationTokenCommand({}));
  const version = createRequire(import.meta.url)("@aws-sdk/client-ecr/package.json").version;
  console.log(answer.authorizationData[0].authorizationToken);
  console.log(version);
} catch (e) {
  console.error(`${e.name}: ${e.message}`);
  process.exit(1);
}
