package io.arbiter.demo;

import io.arbiter.scheme.CareType;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.PackageType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * Why a fixed catalogue rather than a seeded one: example claims, the API's documentation and the
 * benchmark name item, service and facility codes, so those must not move when the seed changes.
 * The tables are written as text so that a reader can audit prices and masks at a glance.
 */

/**
 * The demo scheme's medical registers: items and services as openIMIS would hold them, each with
 * the lowest facility tier that stocks it. The same for every seed.
 */
final class Catalogue {
  /** Register validity of every current entry. */
  static final LocalDate SINCE = LocalDate.of(2020, 1, 1);

  /** The general consultation's fee changed on this date: the one code with two register versions. */
  static final LocalDate FEE_CHANGE = LocalDate.of(2026, 1, 1);

  /** The lowest kind of facility that stocks an item or provides a service. */
  enum Tier {
    /** Dispensary and up. */
    D,
    /** Health centre and up. */
    C,
    /** Hospital only. */
    H;

    /** Whether a facility of openIMIS level {@code level} (D, C or H) stocks entries of this tier. */
    boolean stockedAt(String level) {
      return ordinal() <= valueOf(level).ordinal();
    }
  }

  record Item(MedicalItem item, Tier tier) {}

  record Service(MedicalService service, Tier tier) {}

  // code | name | type (D drug, M consumable) | package | price | care type | frequency days | mask | tier
  private static final String ITEMS = """
      PCM500T | PARACETAMOL 500MG TABLETS                     | D | 1000 TABLETS  |    10 | B |   0 | 15 | D
      PCMSYR  | PARACETAMOL 120MG/5ML SYRUP 60ML              | D | 1 BOTTLE      |  1200 | B |   0 | 11 | D
      IBU400T | IBUPROFEN 400MG TABLETS                       | D | 100 TABLETS   |    20 | B |   0 | 15 | D
      ASA300T | ACETYLSALICYLIC ACID (ASPIRIN) 300MG TABLETS  | D | 1000 TABLETS  |    10 | B |   0 |  7 | D
      AMX500C | AMOXICILLIN 500MG CAPSULES                    | D | 100 CAPSULES  |    60 | B |   0 | 15 | D
      AMXSUS  | AMOXICILLIN 125MG/5ML SUSPENSION 100ML        | D | 1 BOTTLE      |  2500 | B |   0 | 11 | D
      AUG625T | AMOXICILLIN/CLAVULANIC ACID 625MG TABLETS     | D | 14 TABLETS    |   450 | B |   0 | 15 | C
      CTX480T | COTRIMOXAZOLE 480MG TABLETS                   | D | 1000 TABLETS  |    25 | B |   0 | 15 | D
      CIP500T | CIPROFLOXACIN 500MG TABLETS                   | D | 100 TABLETS   |   150 | B |   0 |  7 | C
      DOX100C | DOXYCYCLINE 100MG CAPSULES                    | D | 100 CAPSULES  |    50 | B |   0 |  7 | D
      MTZ200T | METRONIDAZOLE 200MG TABLETS                   | D | 1000 TABLETS  |    20 | B |   0 | 15 | D
      ERY250T | ERYTHROMYCIN 250MG TABLETS                    | D | 100 TABLETS   |    90 | B |   0 | 15 | C
      CRO1G   | CEFTRIAXONE 1G POWDER FOR INJECTION           | D | 1 VIAL        |  2500 | B |   0 | 15 | C
      GEN80   | GENTAMICIN 80MG/2ML INJECTION                 | D | 1 AMPOULE     |   600 | I |   0 | 15 | H
      BPEN5   | BENZYLPENICILLIN 5MU POWDER FOR INJECTION     | D | 1 VIAL        |   900 | B |   0 | 15 | C
      ALU24   | ARTEMETHER/LUMEFANTRINE 20/120MG TABLETS      | D | 24 TABLETS    |  2400 | B |   0 | 15 | D
      ARS60   | ARTESUNATE 60MG POWDER FOR INJECTION          | D | 1 VIAL        |  4500 | I |   0 | 15 | C
      QUI300T | QUININE SULPHATE 300MG TABLETS                | D | 100 TABLETS   |   120 | B |   0 | 15 | C
      ORS     | ORAL REHYDRATION SALTS, SACHET FOR 1 LITRE    | D | 1 SACHET      |   300 | B |   0 | 15 | D
      ZNC20T  | ZINC SULPHATE 20MG DISPERSIBLE TABLETS        | D | 10 TABLETS    |    50 | B |   0 | 11 | D
      MEB500T | MEBENDAZOLE 500MG CHEWABLE TABLET             | D | 1 TABLET      |   200 | O |  90 | 15 | D
      ALB400T | ALBENDAZOLE 400MG CHEWABLE TABLET             | D | 1 TABLET      |   250 | O | 180 | 15 | D
      FEFOLT  | FERROUS SULPHATE 200MG + FOLIC ACID TABLETS   | D | 1000 TABLETS  |    15 | O |   0 | 14 | D
      FOL5T   | FOLIC ACID 5MG TABLETS                        | D | 1000 TABLETS  |    10 | B |   0 | 15 | D
      MET500T | METFORMIN 500MG TABLETS                       | D | 1000 TABLETS  |    30 | O |   0 |  7 | C
      GLB5T   | GLIBENCLAMIDE 5MG TABLETS                     | D | 1000 TABLETS  |    20 | O |   0 |  7 | C
      AML5T   | AMLODIPINE 5MG TABLETS                        | D | 100 TABLETS   |    40 | O |   0 |  7 | C
      HCT25T  | HYDROCHLOROTHIAZIDE 25MG TABLETS              | D | 1000 TABLETS  |    20 | O |   0 |  7 | C
      ENA10T  | ENALAPRIL 10MG TABLETS                        | D | 100 TABLETS   |    60 | O |   0 |  7 | C
      INSSOL  | INSULIN SOLUBLE 100IU/ML 10ML                 | D | 1 VIAL        | 12000 | B |   0 | 15 | H
      SALINH  | SALBUTAMOL 100MCG INHALER                     | D | 200 DOSES     |  6500 | B |   0 | 15 | C
      PRED5T  | PREDNISOLONE 5MG TABLETS                      | D | 1000 TABLETS  |    25 | B |   0 | 15 | C
      OME20C  | OMEPRAZOLE 20MG CAPSULES                      | D | 100 CAPSULES  |    60 | B |   0 |  7 | C
      CPM4T   | CHLORPHENAMINE 4MG TABLETS                    | D | 1000 TABLETS  |    10 | B |   0 | 15 | D
      DZP5T   | DIAZEPAM 5MG TABLETS                          | D | 100 TABLETS   |    20 | B |   0 |  7 | C
      OXY10   | OXYTOCIN 10IU/ML INJECTION                    | D | 1 AMPOULE     |  1200 | B |   0 | 14 | C
      MISO200 | MISOPROSTOL 200MCG TABLETS                    | D | 3 TABLETS     |   500 | B |   0 | 14 | C
      MGSO4   | MAGNESIUM SULPHATE 50% INJECTION 10ML         | D | 1 AMPOULE     |  1500 | I |   0 | 14 | C
      LIDO2   | LIDOCAINE 2% INJECTION 20ML                   | D | 1 VIAL        |  1800 | B |   0 | 15 | C
      KET500  | KETAMINE 50MG/ML INJECTION 10ML               | D | 1 VIAL        |  9500 | I |   0 | 15 | H
      NS500   | SODIUM CHLORIDE 0.9% INFUSION 500ML           | D | 1 BOTTLE      |  1500 | B |   0 | 15 | C
      RL500   | RINGER'S LACTATE INFUSION 500ML               | D | 1 BOTTLE      |  1600 | B |   0 | 15 | C
      D5W500  | DEXTROSE 5% INFUSION 500ML                    | D | 1 BOTTLE      |  1500 | B |   0 | 15 | C
      TETEYE  | TETRACYCLINE EYE OINTMENT 1% 3.5G             | D | 1 TUBE        |   700 | B |   0 | 15 | D
      CLOTCR  | CLOTRIMAZOLE CREAM 1% 20G                     | D | 1 TUBE        |  1200 | O |   0 | 15 | D
      MPA150  | MEDROXYPROGESTERONE ACETATE 150MG/ML INJ.     | D | 1 VIAL        |  1500 | O |  84 |  6 | D
      IMPLNT  | ETONOGESTREL IMPLANT 68MG                     | D | 1 IMPLANT     | 18000 | O |   0 |  6 | C
      TAM04C  | TAMSULOSIN 0.4MG CAPSULES                     | D | 30 CAPSULES   |   300 | O |   0 | 13 | H
      CONDOM  | MALE CONDOMS                                  | M | 3 PIECES      |   300 | O |   0 |  5 | D
      GLVEX   | EXAMINATION GLOVES, LATEX                     | M | 1 PAIR        |   150 | B |   0 | 15 | D
      GLVST75 | SURGICAL GLOVES STERILE SIZE 7.5              | M | 1 PAIR        |   700 | B |   0 | 15 | C
      SYR5    | SYRINGE 5ML WITH NEEDLE 21G                   | M | 1 PIECE       |   150 | B |   0 | 15 | D
      CAN20G  | IV CANNULA 20G                                | M | 1 PIECE       |   800 | B |   0 | 15 | C
      GIVSET  | IV GIVING SET                                 | M | 1 PIECE       |   900 | B |   0 | 15 | C
      GAUZE   | GAUZE SWABS 10X10CM                           | M | 100 PIECES    |  3500 | B |   0 | 15 | D
      CREPE10 | CREPE BANDAGE 10CM X 4.5M                     | M | 1 ROLL        |  1200 | B |   0 | 15 | D
      SUTCC2  | SUTURE CHROMIC CATGUT 2/0 WITH NEEDLE         | M | 1 PIECE       |  3500 | B |   0 | 15 | C
      FOLEY16 | FOLEY CATHETER 16FR 2-WAY                     | M | 1 PIECE       |  2500 | B |   0 | 15 | C
      URBAG   | URINE BAG 2L                                  | M | 1 PIECE       |   900 | I |   0 | 15 | C
      POP15   | PLASTER OF PARIS BANDAGE 15CM                 | M | 1 ROLL        |  2500 | B |   0 | 15 | H
      GLUSTR  | BLOOD GLUCOSE TEST STRIP                      | M | 1 STRIP       |   500 | B |   0 | 15 | C
      LLIN    | LONG-LASTING INSECTICIDAL NET                 | M | 1 PIECE       |  8000 | O | 365 | 15 | D
      SPECT   | SPECTACLES, READING                           | M | 1 PAIR        | 25000 | O | 730 |  7 | H
      CRUTCH  | CRUTCHES, AXILLARY, ADULT                     | M | 1 PAIR        | 45000 | O |   0 |  7 | H
      """;

  // code | name | type (C curative, P preventive) | level | category (- none) | package | price | care type
  //      | frequency days | mask | tier
  private static final String SERVICES = """
      OPD1    | OUTPATIENT CONSULTATION, GENERAL              | C | V | C | S |   3000 | O |   0 | 15 | D
      OPD2    | OUTPATIENT CONSULTATION, SPECIALIST           | C | V | C | S |  10000 | O |   0 | 15 | H
      EMC     | EMERGENCY CONSULTATION                        | C | V | C | S |   5000 | B |   0 | 15 | D
      DENTC   | DENTAL CONSULTATION                           | C | V | C | S |   5000 | O |   0 | 15 | C
      EYEC    | EYE CONSULTATION                              | C | V | C | S |   6000 | O |   0 | 15 | H
      CHKUP   | ANNUAL HEALTH CHECK-UP, ADULT                 | P | V | C | S |  15000 | O | 365 |  7 | C
      NCDC    | CHRONIC DISEASE CLINIC CONSULTATION           | C | V | C | S |   4000 | O |  28 |  7 | C
      FUV     | FOLLOW-UP VISIT                               | C | V | V | S |   1500 | O |   0 | 15 | D
      CHWV    | COMMUNITY HEALTH WORKER HOME VISIT            | P | V | V | S |   1000 | O |   0 | 15 | D
      NUTRV   | NUTRITION COUNSELLING VISIT                   | P | V | V | S |   1000 | O |   0 | 15 | D
      FPV     | FAMILY PLANNING VISIT                         | P | V | V | S |   1500 | O |   0 |  7 | D
      PNC     | POSTNATAL CARE CONTACT                        | P | V | V | S |   2500 | O |   0 | 14 | D
      ANC1    | ANTENATAL CARE, FIRST CONTACT                 | P | V | A | S |   5000 | O |   0 | 14 | D
      ANCF    | ANTENATAL CARE, FOLLOW-UP CONTACT             | P | V | A | S |   3000 | O |  28 | 14 | D
      ANCUS   | OBSTETRIC ULTRASOUND, ANTENATAL               | P | S | A | S |  15000 | O |   0 | 14 | C
      ANCPK   | ANTENATAL CARE PACKAGE, 4 CONTACTS AND TESTS  | P | V | A | P |  20000 | O |   0 | 14 | C
      DELN    | NORMAL DELIVERY                               | C | H | D | S |  35000 | B |   0 | 14 | D
      DELPK   | NORMAL DELIVERY PACKAGE, 48H STAY             | C | H | D | F |  45000 | B |   0 | 14 | C
      DELAS   | ASSISTED VAGINAL DELIVERY (VACUUM)            | C | H | D | S |  60000 | B |   0 | 14 | C
      DELCS   | CAESAREAN SECTION PACKAGE                     | C | H | D | F | 250000 | I |   0 | 14 | H
      SURMIN  | MINOR SURGERY, INCISION AND DRAINAGE          | C | S | S | S |  15000 | B |   0 | 15 | C
      SUTW    | WOUND SUTURING                                | C | S | S | S |   8000 | B |   0 | 15 | D
      MVA     | MANUAL VACUUM ASPIRATION                      | C | D | S | S |  40000 | B |   0 | 14 | C
      APPX    | APPENDICECTOMY                                | C | H | S | S | 350000 | I |   0 | 15 | H
      HERN    | HERNIORRHAPHY                                 | C | H | S | S | 300000 | I |   0 | 15 | H
      TURP    | TRANSURETHRAL RESECTION OF THE PROSTATE       | C | H | S | S | 600000 | I |   0 | 13 | H
      CIRC    | MALE CIRCUMCISION                             | P | D | S | S |  30000 | B |   0 | 13 | C
      CIRCN   | NEONATAL CIRCUMCISION                         | P | D | S | S |  20000 | B |   0 |  9 | H
      HYST    | ABDOMINAL HYSTERECTOMY                        | C | H | S | S | 550000 | I |   0 |  6 | H
      CATAR   | CATARACT EXTRACTION WITH LENS IMPLANT         | C | D | S | S | 250000 | B |   0 |  7 | H
      FRACT   | CLOSED REDUCTION OF FRACTURE WITH CAST        | C | D | S | S |  45000 | B |   0 | 15 | H
      TUBL    | TUBAL LIGATION                                | P | D | S | S |  80000 | B |   0 |  6 | H
      ADMIT   | ADMISSION                                     | C | H | H | S |   5000 | I |   0 | 15 | C
      WARDG   | GENERAL WARD, PER DAY                         | C | D | H | S |  10000 | I |   0 |  7 | C
      WARDP   | PAEDIATRIC WARD, PER DAY                      | C | D | H | S |  12000 | I |   0 | 11 | C
      WARDM   | MATERNITY WARD, PER DAY                       | C | D | H | S |  10000 | I |   0 | 14 | C
      ICU     | INTENSIVE CARE, PER DAY                       | C | D | H | S | 120000 | I |   0 | 15 | H
      OBSDAY  | OBSERVATION, DAY CARE                         | C | D | H | S |   8000 | B |   0 | 15 | C
      LMRDT   | MALARIA RAPID DIAGNOSTIC TEST                 | C | S | O | S |   1500 | B |   0 | 15 | D
      LBS     | MALARIA BLOOD SMEAR                           | C | S | O | S |   1500 | B |   0 | 15 | C
      LFBC    | FULL BLOOD COUNT                              | C | S | O | S |   5000 | B |   0 | 15 | C
      LHB     | HAEMOGLOBIN ESTIMATION                        | C | S | O | S |   1500 | B |   0 | 15 | D
      LGLU    | BLOOD GLUCOSE                                 | C | S | O | S |   1500 | B |   0 | 15 | D
      LURI    | URINALYSIS                                    | C | S | O | S |   2000 | B |   0 | 15 | C
      LSTOOL  | STOOL EXAMINATION                             | C | S | O | S |   2000 | B |   0 | 15 | C
      LHIV    | HIV RAPID TEST                                | P | S | O | S |   2000 | B |   0 | 15 | D
      LPREG   | URINE PREGNANCY TEST                          | C | S | O | S |   1500 | O |   0 | 14 | D
      LPSA    | PROSTATE-SPECIFIC ANTIGEN (PSA)               | C | S | O | S |  12000 | O | 365 |  5 | H
      LCREA   | SERUM CREATININE                              | C | S | O | S |   6000 | B |   0 | 15 | H
      LLFT    | LIVER FUNCTION TESTS                          | C | S | O | S |  15000 | B |   0 | 15 | H
      XCHEST  | X-RAY, CHEST                                  | C | S | O | S |  15000 | B |   0 | 15 | H
      XLIMB   | X-RAY, LIMB                                   | C | S | O | S |  15000 | B |   0 | 15 | H
      USABD   | ULTRASOUND, ABDOMEN                           | C | S | O | S |  20000 | B |   0 | 15 | H
      ECG     | ELECTROCARDIOGRAM                             | C | S | O | S |  15000 | B |   0 |  7 | H
      DRESS   | WOUND DRESSING                                | C | S | O | S |   2000 | B |   0 | 15 | D
      INJ     | INJECTION ADMINISTRATION                      | C | S | O | S |    500 | B |   0 | 15 | D
      PHYSIO  | PHYSIOTHERAPY SESSION                         | C | S | O | S |   8000 | O |   0 | 15 | H
      DENTX   | TOOTH EXTRACTION                              | C | S | O | S |   8000 | O |   0 | 15 | C
      REFRAC  | REFRACTION TEST                               | C | S | O | S |   5000 | O | 365 | 15 | H
      AMBUL   | AMBULANCE TRANSFER                            | C | S | O | S |  30000 | B |   0 | 15 | H
      HIVPK   | HIV CARE AND TREATMENT PACKAGE, MONTHLY       | C | V | O | P |  12000 | O |  28 | 15 | C
      VBCG    | BCG VACCINATION                               | P | S | - | S |   1000 | O |   0 | 11 | D
      VPENTA  | PENTAVALENT VACCINATION                       | P | S | - | S |   1500 | O |  28 | 11 | D
      VOPV    | ORAL POLIO VACCINATION                        | P | S | - | S |    800 | O |  28 | 11 | D
      VMR     | MEASLES-RUBELLA VACCINATION                   | P | S | - | S |   1500 | O |   0 | 11 | D
      VHPV    | HPV VACCINATION                               | P | S | - | S |   3000 | O | 180 | 10 | C
      VTT     | TETANUS TOXOID VACCINATION                    | P | S | - | S |   1000 | O |  28 | 14 | D
      """;

  private static final List<Item> ITEM_ROWS = parseItems();
  private static final List<Service> SERVICE_ROWS = parseServices();

  private Catalogue() {}

  /** Items with their tiers, one row per code, in table order. */
  static List<Item> items() {
    return ITEM_ROWS;
  }

  /** Services with their tiers, one row per code, in table order (current versions only). */
  static List<Service> services() {
    return SERVICE_ROWS;
  }

  /**
   * Every register version of the services: the current rows, plus the general consultation's
   * version from before {@link #FEE_CHANGE}, when it cost 2,500.
   */
  static List<MedicalService> serviceVersions() {
    List<MedicalService> versions = new ArrayList<>();
    for (Service row : SERVICE_ROWS) {
      MedicalService s = row.service();
      if (s.code().equals("OPD1")) {
        versions.add(new MedicalService(s.code(), s.name(), s.type(), s.level(), s.category(), s.packageType(),
            Amounts.of(2500), s.careType(), s.frequency(), s.patientCategory(), null, null, SINCE, FEE_CHANGE.minusDays(1)));
        versions.add(new MedicalService(s.code(), s.name(), s.type(), s.level(), s.category(), s.packageType(),
            s.price(), s.careType(), s.frequency(), s.patientCategory(), null, null, FEE_CHANGE, null));
      } else {
        versions.add(s);
      }
    }
    return versions;
  }

  private static List<Item> parseItems() {
    List<Item> rows = new ArrayList<>();
    for (String[] c : table(ITEMS, 9)) {
      rows.add(new Item(new MedicalItem(c[0], c[1], c[2], c[3], Amounts.of(Long.parseLong(c[4])),
          CareType.valueOf(c[5]), Integer.parseInt(c[6]), Integer.parseInt(c[7]), null, SINCE, null),
          Tier.valueOf(c[8])));
    }
    return List.copyOf(rows);
  }

  /**
   * What one unit of each fee-for-service package (type P) contains: antenatal care is a first
   * contact, three follow-ups, an Hb estimation, an HIV test, iron for three months and a bed net;
   * monthly HIV care is a consultation and an HIV test.
   */
  private static Map<String, PackageContents> contents() {
    return Map.of(
        "ANCPK", new PackageContents(
            List.of(part("FEFOLT", 90), part("LLIN", 1)),
            List.of(part("ANC1", 1), part("ANCF", 3), part("LHB", 1), part("LHIV", 1))),
        "HIVPK", new PackageContents(List.of(), List.of(part("OPD1", 1), part("LHIV", 1))));
  }

  private static PackageContents.Part part(String code, int qty) {
    return new PackageContents.Part(code, BigDecimal.valueOf(qty));
  }

  private static List<Service> parseServices() {
    List<Service> rows = new ArrayList<>();
    Map<String, PackageContents> contents = contents();
    for (String[] c : table(SERVICES, 11)) {
      rows.add(new Service(new MedicalService(c[0], c[1], c[2], c[3], c[4].equals("-") ? null : c[4],
          PackageType.valueOf(c[5]), Amounts.of(Long.parseLong(c[6])), CareType.valueOf(c[7]),
          Integer.parseInt(c[8]), Integer.parseInt(c[9]), null, contents.get(c[0]), SINCE, null),
          Tier.valueOf(c[10])));
    }
    return List.copyOf(rows);
  }

  private static List<String[]> table(String text, int columns) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length != columns) {
        throw new IllegalStateException("catalogue row has " + cells.length + " columns, not " + columns + ": " + line);
      }
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].strip();
      }
      rows.add(cells);
    }
    return rows;
  }
}
