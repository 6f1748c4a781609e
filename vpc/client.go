package vpc

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// DemoRegion is the Region of the demo account. NewEC2Client never falls
// back to it by itself: a console pointed at a real account with no Region
// configured must fail rather than show another Region's resources, so only
// the demo wiring sets it explicitly.
const DemoRegion = "us-east-1"

// Retry policy. EC2 throttles per account and Region (RequestLimitExceeded,
// which the SDK treats as a throttle), and the demo backend can inject such
// faults on purpose; six attempts with backoff capped at a few seconds ride
// out a burst without making a page wait for long.
const (
	maxAttempts = 6
	maxBackoff  = 4 * time.Second
)

// Config says how to reach EC2.
//
//   - Region and Profile, when set, override the standard AWS configuration
//     (AWS_REGION, AWS_PROFILE, ~/.aws/config). The Region must end up set one
//     way or another; for the demo, set it to DemoRegion.
//   - StaticAccessKey and StaticSecretKey, when set, replace the credential
//     chain; the demo backend and moto accept any such pair.
//   - EndpointURL, when set, sends every EC2 call there instead of AWS
//     (LocalStack, moto, the demo backend), like the AWS CLI's --endpoint-url.
//     STS calls go there too when a role is assumed: moto and LocalStack
//     serve both on one port.
//   - MaxBackoff is the longest wait between two attempts of a throttled or
//     failed call (default 4s). Tests shorten it, so that a throttling test
//     costs no waiting.
//   - AssumeRoleARN, when set, makes every EC2 call through that IAM role:
//     the credentials above only call STS AssumeRole, once per person (see
//     roleCredentials), so that CloudTrail names the person behind a change.
type Config struct {
	EndpointURL     string
	Region          string
	Profile         string
	StaticAccessKey string
	StaticSecretKey string
	AssumeRoleARN   string
	MaxBackoff      time.Duration

	// role, when set, is AssumeRoleARN's credentials, shared by every client made from this
	// Config (see SharingRole).
	role *roleCredentials
}

// regionPattern accepts Region names such as us-east-1 or us-gov-west-1.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)

// Validate checks the parts of the configuration that can be checked without
// loading anything. It names no secret in its messages.
func (c Config) Validate() error {
	if (c.StaticAccessKey == "") != (c.StaticSecretKey == "") {
		return errorf(Invalid, "", "Static credentials need both an access key and a secret key.")
	}
	if c.Region != "" && !regionPattern.MatchString(c.Region) {
		return errorf(Invalid, "", "%q is not an AWS Region name; Region names look like us-east-1.", c.Region)
	}
	if c.EndpointURL != "" {
		u, err := url.Parse(c.EndpointURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errorf(Invalid, "", "The endpoint URL %q is not an http:// or https:// URL.", c.EndpointURL)
		}
	}
	if c.AssumeRoleARN != "" && !roleARNPattern.MatchString(c.AssumeRoleARN) {
		return errorf(Invalid, "", "%q is not an IAM role ARN; role ARNs look like arn:aws:iam::123456789012:role/EndpointConsole.", c.AssumeRoleARN)
	}
	return nil
}

// loadAWSConfig is the standard AWS configuration adjusted by cfg, with the console's retryer:
// the console's own credentials, before any role. It fails when no Region is configured anywhere.
func loadAWSConfig(ctx context.Context, cfg Config) (aws.Config, error) {
	if err := cfg.Validate(); err != nil {
		return aws.Config{}, err
	}
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(cmp.Or(cfg.MaxBackoff, maxBackoff)) }),
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if cfg.StaticAccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.StaticAccessKey, cfg.StaticSecretKey, "")))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, &Error{Code: Invalid, Message: "Could not load the AWS configuration. Check the profile and the files under ~/.aws.",
			Err: fmt.Errorf("load AWS configuration: %w", err)}
	}
	if awsCfg.Region == "" {
		return aws.Config{}, errorf(Invalid, "", "No AWS Region is configured. Pass -region or set AWS_REGION.")
	}
	return awsCfg, nil
}

// NewEC2Client builds the EC2 client every call goes through: the standard
// AWS configuration adjusted by cfg, and a retryer that rides out throttling.
// With cfg.AssumeRoleARN, the configured credentials only assume that role, and
// EC2 is called with the role's. It returns an error when no Region is
// configured anywhere.
func NewEC2Client(ctx context.Context, cfg Config) (*ec2.Client, error) {
	awsCfg, err := loadAWSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.sharedRole():
		awsCfg.Credentials = cfg.role
	case cfg.AssumeRoleARN != "":
		awsCfg.Credentials = newRoleCredentials(cfg.AssumeRoleARN, stsClient(awsCfg, cfg))
	}
	// LoadDefaultConfig leaves HTTPClient nil, for the service client to make its default, unless
	// AWS_CA_BUNDLE names a bundle; the wrapper needs a client under it either way.
	next := awsCfg.HTTPClient
	if next == nil {
		next = awshttp.NewBuildableClient()
	}
	awsCfg.HTTPClient = bufferedBodies{next: next}
	return ec2.NewFromConfig(awsCfg, func(o *ec2.Options) {
		if cfg.EndpointURL != "" {
			o.BaseEndpoint = aws.String(cfg.EndpointURL)
		}
	}), nil
}

// stsClient calls STS with the credentials loaded (never the role's: only EC2 gets those).
func stsClient(awsCfg aws.Config, cfg Config) *sts.Client {
	return sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if cfg.EndpointURL != "" {
			o.BaseEndpoint = aws.String(cfg.EndpointURL)
		}
	})
}

// SharingRole is cfg whose clients, in whatever Region, share one set of sessions of its role:
// an account reached through a role then costs one AssumeRole (per person), not one per Region
// or per client. Without AssumeRoleARN it is cfg.
func (cfg Config) SharingRole(ctx context.Context) (Config, error) {
	if cfg.AssumeRoleARN == "" || cfg.sharedRole() {
		return cfg, nil
	}
	awsCfg, err := loadAWSConfig(ctx, cfg)
	if err != nil {
		return cfg, err
	}
	cfg.role = newRoleCredentials(cfg.AssumeRoleARN, stsClient(awsCfg, cfg))
	return cfg, nil
}

// sharedRole tells whether cfg carries shared sessions of its own AssumeRoleARN: a copy of a
// Config whose role was changed (or cleared) afterwards must not use the old role's.
func (cfg Config) sharedRole() bool {
	return cfg.role != nil && cfg.AssumeRoleARN != "" && cfg.role.roleARN == cfg.AssumeRoleARN
}

// Connect builds the Service the console works through: the EC2 client of NewEC2Client, with
// the Service's sharing, cache, metrics and change record as opts say. The Service's Region is
// the one the configuration settled on (cfg.Region, or AWS_REGION, or the profile's).
func Connect(ctx context.Context, cfg Config, opts Options) (*Service, error) {
	client, err := NewEC2Client(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return NewWithOptions(client, client.Options().Region, opts), nil
}

func newRetryer(backoff time.Duration) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = maxAttempts
		o.MaxBackoff = backoff
	})
}
