// Package audit works out how each subnet of a Region reaches Amazon S3 and Amazon DynamoDB, and
// what to fix: path analysis by longest-prefix match over a subnet's route table (AnalyzePath),
// each VPC's findings with their fixes (AuditVPC), and the prices the cost comparison uses.
//
// It works over plain values of package vpc (route tables, subnets, endpoints, gateways, prefix
// lists) and calls nothing itself: an Auditor reads a Region through a small Reader, which
// *vpc.Service implements, in one round of concurrent calls, and shares the result between the
// pages that ask at once through the Reader's Shared (vpc.Service.Shared keeps it as long as the
// reads it was made from, and drops it on any write). vpc does not import audit.
package audit
