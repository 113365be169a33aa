package io.arbiter.demo;

import io.arbiter.scheme.Diagnosis;
import java.util.List;

/**
 * The demo scheme's diagnosis list: WHO ICD-10 three-character categories that primary and
 * district care see most (infections, maternity, chronic disease, injuries, symptoms, Z codes).
 */
final class DemoDiagnoses {
  // code | title (WHO wording; O09 as ICD-10-CM, whose meaning openIMIS lists use)
  private static final String CODES = """
      A00 | Cholera
      A01 | Typhoid and paratyphoid fevers
      A02 | Other salmonella infections
      A03 | Shigellosis
      A04 | Other bacterial intestinal infections
      A05 | Other bacterial foodborne intoxications, not elsewhere classified
      A06 | Amoebiasis
      A07 | Other protozoal intestinal diseases
      A08 | Viral and other specified intestinal infections
      A09 | Other gastroenteritis and colitis of infectious and unspecified origin
      A15 | Respiratory tuberculosis, bacteriologically and histologically confirmed
      A17 | Tuberculosis of nervous system
      A18 | Tuberculosis of other organs
      A19 | Miliary tuberculosis
      A30 | Leprosy [Hansen disease]
      A33 | Tetanus neonatorum
      A35 | Other tetanus
      A36 | Diphtheria
      A37 | Whooping cough
      A39 | Meningococcal infection
      A41 | Other sepsis
      A46 | Erysipelas
      A50 | Congenital syphilis
      A51 | Early syphilis
      A53 | Other and unspecified syphilis
      A54 | Gonococcal infection
      A56 | Other sexually transmitted chlamydial diseases
      A59 | Trichomoniasis
      A60 | Anogenital herpesviral [herpes simplex] infections
      A63 | Other predominantly sexually transmitted diseases, not elsewhere classified
      A64 | Unspecified sexually transmitted disease
      A82 | Rabies
      A90 | Dengue fever [classical dengue]
      A91 | Dengue haemorrhagic fever
      A95 | Yellow fever
      B01 | Varicella [chickenpox]
      B02 | Zoster [herpes zoster]
      B05 | Measles
      B06 | Rubella [German measles]
      B15 | Acute hepatitis A
      B16 | Acute hepatitis B
      B17 | Other acute viral hepatitis
      B18 | Chronic viral hepatitis
      B20 | Human immunodeficiency virus [HIV] disease resulting in infectious and parasitic diseases
      B26 | Mumps
      B35 | Dermatophytosis
      B36 | Other superficial mycoses
      B37 | Candidiasis
      B50 | Plasmodium falciparum malaria
      B51 | Plasmodium vivax malaria
      B53 | Other parasitologically confirmed malaria
      B54 | Unspecified malaria
      B55 | Leishmaniasis
      B56 | African trypanosomiasis
      B65 | Schistosomiasis [bilharziasis]
      B68 | Taeniasis
      B74 | Filariasis
      B76 | Hookworm diseases
      B77 | Ascariasis
      B79 | Trichuriasis
      B82 | Unspecified intestinal parasitism
      B86 | Scabies
      C16 | Malignant neoplasm of stomach
      C18 | Malignant neoplasm of colon
      C22 | Malignant neoplasm of liver and intrahepatic bile ducts
      C34 | Malignant neoplasm of bronchus and lung
      C46 | Kaposi sarcoma
      C50 | Malignant neoplasm of breast
      C53 | Malignant neoplasm of cervix uteri
      C61 | Malignant neoplasm of prostate
      C91 | Lymphoid leukaemia
      D25 | Leiomyoma of uterus
      D50 | Iron deficiency anaemia
      D53 | Other nutritional anaemias
      D57 | Sickle-cell disorders
      D64 | Other anaemias
      E03 | Other hypothyroidism
      E04 | Other nontoxic goitre
      E05 | Thyrotoxicosis [hyperthyroidism]
      E10 | Type 1 diabetes mellitus
      E11 | Type 2 diabetes mellitus
      E40 | Kwashiorkor
      E41 | Nutritional marasmus
      E43 | Unspecified severe protein-energy malnutrition
      E44 | Protein-energy malnutrition of moderate and mild degree
      E46 | Unspecified protein-energy malnutrition
      E50 | Vitamin A deficiency
      E66 | Obesity
      E86 | Volume depletion
      F10 | Mental and behavioural disorders due to use of alcohol
      F20 | Schizophrenia
      F32 | Depressive episode
      F41 | Other anxiety disorders
      G40 | Epilepsy
      G43 | Migraine
      G44 | Other headache syndromes
      G51 | Facial nerve disorders
      G80 | Cerebral palsy
      H10 | Conjunctivitis
      H25 | Senile cataract
      H26 | Other cataract
      H40 | Glaucoma
      H52 | Disorders of refraction and accommodation
      H54 | Visual impairment including blindness (binocular or monocular)
      H60 | Otitis externa
      H65 | Nonsuppurative otitis media
      H66 | Suppurative and unspecified otitis media
      I10 | Essential (primary) hypertension
      I11 | Hypertensive heart disease
      I20 | Angina pectoris
      I21 | Acute myocardial infarction
      I50 | Heart failure
      I61 | Intracerebral haemorrhage
      I63 | Cerebral infarction
      I83 | Varicose veins of lower extremities
      J00 | Acute nasopharyngitis [common cold]
      J01 | Acute sinusitis
      J02 | Acute pharyngitis
      J03 | Acute tonsillitis
      J04 | Acute laryngitis and tracheitis
      J06 | Acute upper respiratory infections of multiple and unspecified sites
      J11 | Influenza, virus not identified
      J12 | Viral pneumonia, not elsewhere classified
      J15 | Bacterial pneumonia, not elsewhere classified
      J18 | Pneumonia, organism unspecified
      J20 | Acute bronchitis
      J21 | Acute bronchiolitis
      J30 | Vasomotor and allergic rhinitis
      J40 | Bronchitis, not specified as acute or chronic
      J44 | Other chronic obstructive pulmonary disease
      J45 | Asthma
      J96 | Respiratory failure, not elsewhere classified
      K02 | Dental caries
      K04 | Diseases of pulp and periapical tissues
      K05 | Gingivitis and periodontal diseases
      K08 | Other disorders of teeth and supporting structures
      K12 | Stomatitis and related lesions
      K21 | Gastro-oesophageal reflux disease
      K25 | Gastric ulcer
      K26 | Duodenal ulcer
      K29 | Gastritis and duodenitis
      K30 | Dyspepsia
      K35 | Acute appendicitis
      K37 | Unspecified appendicitis
      K40 | Inguinal hernia
      K42 | Umbilical hernia
      K56 | Paralytic ileus and intestinal obstruction without hernia
      K59 | Other functional intestinal disorders
      K64 | Haemorrhoids and perianal venous thrombosis
      K70 | Alcoholic liver disease
      K74 | Fibrosis and cirrhosis of liver
      K80 | Cholelithiasis
      K81 | Cholecystitis
      L01 | Impetigo
      L02 | Cutaneous abscess, furuncle and carbuncle
      L03 | Cellulitis
      L08 | Other local infections of skin and subcutaneous tissue
      L20 | Atopic dermatitis
      L23 | Allergic contact dermatitis
      L30 | Other dermatitis
      L50 | Urticaria
      L70 | Acne
      L89 | Decubitus ulcer and pressure area
      M06 | Other rheumatoid arthritis
      M10 | Gout
      M17 | Gonarthrosis [arthrosis of knee]
      M19 | Other arthrosis
      M25 | Other joint disorders, not elsewhere classified
      M54 | Dorsalgia
      M79 | Other soft tissue disorders, not elsewhere classified
      N10 | Acute tubulo-interstitial nephritis
      N17 | Acute renal failure
      N18 | Chronic kidney disease
      N20 | Calculus of kidney and ureter
      N30 | Cystitis
      N39 | Other disorders of urinary system
      N40 | Hyperplasia of prostate
      N41 | Inflammatory diseases of prostate
      N45 | Orchitis and epididymitis
      N47 | Redundant prepuce, phimosis and paraphimosis
      N61 | Inflammatory disorders of breast
      N70 | Salpingitis and oophoritis
      N73 | Other female pelvic inflammatory diseases
      N76 | Other inflammation of vagina and vulva
      N92 | Excessive, frequent and irregular menstruation
      N94 | Pain and other conditions associated with female genital organs and menstrual cycle
      N97 | Female infertility
      O00 | Ectopic pregnancy
      O03 | Spontaneous abortion
      O09 | Supervision of high risk pregnancy
      O13 | Gestational [pregnancy-induced] hypertension without significant proteinuria
      O14 | Gestational [pregnancy-induced] hypertension with significant proteinuria
      O15 | Eclampsia
      O20 | Haemorrhage in early pregnancy
      O21 | Excessive vomiting in pregnancy
      O23 | Infections of genitourinary tract in pregnancy
      O24 | Diabetes mellitus in pregnancy
      O32 | Maternal care for known or suspected malpresentation of fetus
      O34 | Maternal care for known or suspected abnormality of pelvic organs
      O42 | Premature rupture of membranes
      O44 | Placenta praevia
      O45 | Premature separation of placenta [abruptio placentae]
      O48 | Prolonged pregnancy
      O60 | Preterm labour
      O62 | Abnormalities of forces of labour
      O63 | Long labour
      O64 | Obstructed labour due to malposition and malpresentation of fetus
      O65 | Obstructed labour due to maternal pelvic abnormality
      O72 | Postpartum haemorrhage
      O80 | Single spontaneous delivery
      O82 | Single delivery by caesarean section
      O85 | Puerperal sepsis
      O99 | Other maternal diseases classifiable elsewhere but complicating pregnancy, childbirth and the puerperium
      P05 | Slow fetal growth and fetal malnutrition
      P07 | Disorders related to short gestation and low birth weight, not elsewhere classified
      P22 | Respiratory distress of newborn
      P28 | Other respiratory conditions originating in the perinatal period
      P36 | Bacterial sepsis of newborn
      P39 | Other infections specific to the perinatal period
      P59 | Neonatal jaundice from other and unspecified causes
      Q35 | Cleft palate
      Q36 | Cleft lip
      Q66 | Congenital deformities of feet
      R05 | Cough
      R10 | Abdominal and pelvic pain
      R11 | Nausea and vomiting
      R50 | Fever of other and unknown origin
      R51 | Headache
      R53 | Malaise and fatigue
      R56 | Convulsions, not elsewhere classified
      S00 | Superficial injury of head
      S01 | Open wound of head
      S06 | Intracranial injury
      S42 | Fracture of shoulder and upper arm
      S52 | Fracture of forearm
      S61 | Open wound of wrist and hand
      S62 | Fracture at wrist and hand level
      S72 | Fracture of femur
      S82 | Fracture of lower leg, including ankle
      S93 | Dislocation, sprain and strain of joints and ligaments at ankle and foot level
      T14 | Injury of unspecified body region
      T20 | Burn and corrosion of head and neck
      T30 | Burn and corrosion, body region unspecified
      T63 | Toxic effect of contact with venomous animals
      V89 | Motor- or nonmotor-vehicle accident, type of vehicle unspecified
      W54 | Bitten or struck by dog
      Z00 | General examination and investigation of persons without complaint and reported diagnosis
      Z01 | Other special examinations and investigations of persons without complaint or reported diagnosis
      Z23 | Need for immunization against single bacterial diseases
      Z30 | Contraceptive management
      Z32 | Pregnancy examination and test
      Z34 | Supervision of normal pregnancy
      Z36 | Antenatal screening
      Z38 | Liveborn infants according to place of birth
      Z39 | Postpartum care and examination
      Z71 | Persons encountering health services for other counselling and medical advice, not elsewhere classified
      Z76 | Persons encountering health services in other circumstances
      """;

  private static final List<Diagnosis> DIAGNOSES = CODES.strip().lines()
      .map(line -> line.split("\\|", 2))
      .map(cells -> new Diagnosis(cells[0].strip(), cells[1].strip()))
      .toList();

  private DemoDiagnoses() {}

  static List<Diagnosis> all() {
    return DIAGNOSES;
  }
}
