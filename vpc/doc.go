// Package vpc is Endpoint Console's domain and its gateway to Amazon EC2.
//
// It holds the types the pages show (VPCs, subnets, route tables and their
// routes, prefix lists, endpoint services, VPC endpoints), the validation of
// endpoint requests that forms run before anything reaches EC2, and the one
// error type the rest of the program understands. It is the only package that
// imports aws-sdk-go-v2: everything EC2 says is translated here into these
// types and into a handful of error codes with plain sentences, so handlers
// never see an SDK type or an EC2 error code.
//
// The same code talks to real EC2, to moto or LocalStack, and to the
// in-process demo backend (fakeec2); only the endpoint URL and the
// credentials differ (see Config).
//
// Reads are shared and kept (NewWithOptions), and so is what other packages
// derive from them (Service.Shared): the audit of a Region (package
// vpc/audit, which imports vpc for its types; vpc does not import it).
package vpc
