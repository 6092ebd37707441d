// Static credentials through the AWS SDK's standard chain (its first link reads the environment).
export const AWS_KEY_ID = 'AKIAKADETREPLAYTEST1';
export const AWS_SECRET = 'kadet-replay-test-secret-do-not-print';

/** Points the default credential chain at test credentials and keeps it off the network and ~/.aws. */
export function useTestAwsCredentials(): void {
  process.env['AWS_ACCESS_KEY_ID'] = AWS_KEY_ID;
  process.env['AWS_SECRET_ACCESS_KEY'] = AWS_SECRET;
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  process.env['AWS_CONFIG_FILE'] = '/nonexistent/kadet-test-aws-config';
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/kadet-test-aws-credentials';
}
