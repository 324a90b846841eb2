"""Turn what users already have (saved KMS API responses, Terraform plans, key-group CSVs,
bill-details CSVs) into a plan or a reconciliation. Pure functions over parsed data: files are
read, never executed, and every size and count is bounded.
"""
