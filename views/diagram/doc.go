// Package diagram draws the audit's picture of one VPC as SVG, on the server, the way the
// tutorial's figures do: subnets in their Availability Zones (columns) and public or private rows,
// the internet gateway and the gateway endpoints on the VPC's edge, the Internet and the services
// outside, and every subnet's path to Amazon S3 and Amazon DynamoDB as a line through the boxes it
// passes. Its one exported component is VPC; diagramLayout places everything, and VPC only draws
// what it is given. The words for each kind of path come from package audit, the colours from
// classes in the console's stylesheet.
//
// Lines are routed orthogonally through channels that no box occupies: a gutter right of every
// zone column, three corridors per tier of columns (above the public row, between the rows, below
// the private row), an edge channel inside the VPC's border and one outside it before the
// services. Every line of every subnet has its own lane, the same offset in every channel, so no
// two subnets' lines run along each other: each path can be followed from its subnet to its
// service. The SVG is drawn at one CSS pixel per unit, its text at 12 px or more.
package diagram
