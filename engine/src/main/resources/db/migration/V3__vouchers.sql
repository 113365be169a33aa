-- The voucher register of voucher schemes (Cameroon's "Chèque Santé"): a voucher's number is the
-- number of the policy it is attributed to. A Used voucher never goes back to New.
CREATE TABLE voucher (
  number  VARCHAR(64) PRIMARY KEY,
  status  VARCHAR(8)  NOT NULL
);
